from django.urls import path

from resurs.casework.plans import referral_views, views

app_name = "plans"

urlpatterns = [
    path("<int:pk>/", views.plan_detail, name="plan"),
    path("<int:pk>/lines/new/", views.line_add, name="line_add"),
    path("<int:pk>/approve/", views.plan_approve, name="approve"),
    path("<int:pk>/patronage/new/", views.patronage_add, name="patronage_add"),
    path("lines/<int:pk>/edit/", views.line_edit, name="line_edit"),
    path("lines/<int:pk>/refer/", referral_views.referral_send, name="referral_send"),
    path("for-case/<int:case_pk>/", views.for_case, name="for_case"),
    path("referrals/incoming/", referral_views.incoming, name="incoming"),
    path("referrals/outgoing/", referral_views.outgoing, name="outgoing"),
    path("referrals/<int:pk>/", referral_views.referral_detail, name="referral"),
    path("referrals/<int:pk>/accept/", referral_views.referral_accept, name="referral_accept"),
    path("referrals/<int:pk>/reject/", referral_views.referral_reject, name="referral_reject"),
    path("referrals/<int:pk>/done/", referral_views.referral_done, name="referral_done"),
    path("referrals/<int:pk>/revoke/", referral_views.referral_revoke, name="referral_revoke"),
]
