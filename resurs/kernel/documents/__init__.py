"""The one document renderer of Resurs: DOCX from docxtpl templates, PDF from HTML with
WeasyPrint and the project's own Cyrillic font (static/fonts), XLSX through exchange.xlsx."""
