from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from resurs.kernel.accounts import services
from resurs.kernel.accounts.attention import attention_for
from resurs.kernel.accounts.forms import ApiTokenForm, LoginForm, SignInRulePasswordChangeForm
from resurs.kernel.accounts.middleware import SESSION_KEY
from resurs.kernel.accounts.models import ApiToken
from resurs.kernel.accounts.panels import panels_for


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("home")
    form_class = SignInRulePasswordChangeForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}

    def form_valid(self, form):
        messages.success(self.request, "Пароль изменён.")
        return super().form_valid(form)


@require_POST
@login_required
def membership_switch(request):
    membership = services.membership_for_switch(
        user=request.user, membership_id=request.POST.get("membership")
    )
    if membership is None:
        messages.error(request, "Эта роль вам не назначена.")
    else:
        request.session[SESSION_KEY] = membership.pk
        messages.success(request, f"Вы работаете в роли «{membership}».")
    target = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    return redirect(target)


def _own_tokens(request):
    return ApiToken.objects.filter(membership__user=request.user).select_related(
        "membership__organisation"
    )


@login_required
def token_list(request):
    form = ApiTokenForm(request, request.POST or None)
    new_key = None
    if request.method == "POST":
        if request.membership is None:
            messages.error(request, "Токен выпускается в роли, а вам не назначено ни одной роли.")
        elif form.is_valid():
            _token, new_key = services.api_token_create(
                membership=request.membership, name=form.cleaned_data["name"]
            )
            form = ApiTokenForm(request)
    return render(
        request,
        "accounts/tokens.html",
        {"tokens": _own_tokens(request), "form": form, "new_key": new_key},
    )


@require_POST
@login_required
def token_revoke(request, pk):
    token = get_object_or_404(_own_tokens(request), pk=pk)
    services.api_token_revoke(token=token, by=request.membership or token.membership)
    messages.success(request, f"Токен «{token.name}» отозван: запросы с ним больше не принимаются.")
    return redirect("accounts:tokens")


@login_required
def home(request):
    return render(
        request,
        "home.html",
        {"attention": attention_for(request.scope), "panels": panels_for(request)},
    )
