"""Sign-in, the accounts inside one's scope, and the audit trail."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from impsmart import params
from impsmart.accounts import actions
from impsmart.accounts.forms import LoginForm, UserForm
from impsmart.accounts.models import AuditEvent, User
from impsmart.accounts.permissions import permission_required
from impsmart.accounts.scope import get_visible


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


@permission_required("manage_users")
def user_list(request):
    users = User.objects.visible_to(request.user).order_by("role", "username")
    page = Paginator(users, 50).get_page(params.integer(request.GET, "page", 1, minimum=1))
    return render(request, "accounts/user_list.html", {"page": page})


def _save_user(request, form, user=None):
    data = dict(form.cleaned_data)
    fields = {"first_name": data["first_name"], "phone": data["phone"]}
    if user is None:
        user = actions.create_user(
            actor=request.user,
            username=data["username"],
            password=data["password"],
            role=data["role"],
            region_codes=data["region_codes"],
            **fields,
        )
    else:
        actions.update_user(
            actor=request.user,
            user=user,
            role=data["role"],
            region_codes=data["region_codes"],
            password=data["password"],
            **fields,
        )
    messages.success(request, _("Akun %(name)s tersimpan.") % {"name": user.username})
    return redirect("accounts:users")


@permission_required("manage_users")
def user_create(request):
    form = UserForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        return _save_user(request, form)
    return render(request, "accounts/user_form.html", {"form": form})


@permission_required("manage_users")
def user_edit(request, pk):
    user = get_visible(User.objects, request.user, pk=pk)
    initial = {
        "username": user.username,
        "first_name": user.first_name,
        "phone": user.phone,
        "role": user.role,
        "region_codes": ", ".join(user.scope_codes),
    }
    form = UserForm(request.POST or None, actor=request.user, instance=user, initial=initial)
    if request.method == "POST" and form.is_valid():
        return _save_user(request, form, user)
    return render(request, "accounts/user_form.html", {"form": form, "edited": user})


@permission_required("view_audit")
def audit_list(request):
    events = AuditEvent.objects.visible_to(request.user).select_related("actor")
    model = params.text(request.GET, "model")
    if model:
        events = events.filter(model=model)
    page = Paginator(events, 30).get_page(params.integer(request.GET, "page", 1, minimum=1))
    return render(request, "accounts/audit_list.html", {"page": page, "model": model})
