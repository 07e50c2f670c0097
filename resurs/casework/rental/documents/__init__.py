"""The rental point's documents (TSR-4, TSR-5; seed 002 app. 1, its appendix 1): the contract of
temporary use, the act of transfer (app. 1 to the contract) and the act of acceptance on return
(its reverse side), each a ``Document`` in a form's layout that the document layer renders as
DOCX and PDF.

The text follows the regulation's form, its sections abbreviated but their rules kept. The
names are declined as the form says them: the institution «в лице директора Петрова Ивана
Сергеевича» (genitive), a representative acting «в интересах гражданки Смирновой Ольги
Ивановны» (genitive). File names name the contract's number, never the citizen.

Every builder takes records the caller found through the scope (``selectors.contract_for``,
``Return.objects.visible_to``); the loans and charges are read here with their items.
"""

from resurs.casework.rental.documents.acts import (
    ACT_HEADER,
    acceptance_act_document,
    transfer_act_document,
)
from resurs.casework.rental.documents.contract import contract_document

__all__ = ["ACT_HEADER", "acceptance_act_document", "contract_document", "transfer_act_document"]
