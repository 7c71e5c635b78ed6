"""Sign-in, passwords, the accounts inside one's scope, and the audit trail."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from impsmart import params
from impsmart.accounts import actions, audit_display
from impsmart.accounts.forms import LoginForm, OwnPasswordForm, UserForm
from impsmart.accounts.models import AuditEvent, User
from impsmart.accounts.permissions import permission_required
from impsmart.accounts.roles import Role
from impsmart.accounts.scope import get_visible
from impsmart.regions.models import Level, Region


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


def locked_out(request, original_response=None, credentials=None):
    """django-axes' answer once a login is locked: JSON for the API, the page for people."""
    hours = settings.AXES_COOLOFF_TIME
    if request.path.startswith(reverse("api:api-root")):
        message = _("Terlalu banyak percobaan masuk; coba lagi dalam %(hours)s jam.")
        return JsonResponse({"detail": message % {"hours": hours}}, status=429)
    return render(request, "accounts/locked_out.html", {"hours": hours}, status=429)


@login_required
def password_change(request):
    form = OwnPasswordForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.change_password(actor=request.user, password=form.cleaned_data["new_password1"])
        update_session_auth_hash(request, request.user)  # stay signed in on this device
        messages.success(request, _("Kata sandi Anda sudah diganti."))
        return redirect("dashboard:home")
    return render(request, "accounts/password_change.html", {"form": form})


@permission_required("manage_users")
def user_list(request):
    """The accounts in scope, 50 a page, filtered by region (primary), role and name."""
    users = User.objects.visible_to(request.user)
    code = params.region_code(request.GET, "wilayah")
    region = get_visible(Region.objects, request.user, code=code) if code else None
    if region is not None:
        users = users.within(region.code)
    role = params.choice(request.GET, "peran", "", Role.values)
    if role:
        users = users.filter(role=role)
    query = params.text(request.GET, "q").strip()
    if query:
        users = users.filter(Q(username__icontains=query) | Q(first_name__icontains=query))
    page = Paginator(users.order_by("role", "username"), 50).get_page(
        params.integer(request.GET, "page", 1, minimum=1)
    )
    context = {
        "page": page,
        "region": region,
        "regions": Region.objects.visible_to(request.user).filter(
            level__in=[Level.KABUPATEN, Level.KECAMATAN]
        ),
        "roles": Role.choices,
        "filters": {"wilayah": code, "peran": role, "q": query},
    }
    return render(request, "accounts/user_list.html", context)


def home_team(user) -> dict:
    """The home page's count of the other accounts in one's scope, by role."""
    counts = (
        User.objects.visible_to(user)
        .exclude(pk=user.pk)
        .values_list("role")
        .annotate(n=Count("id"))
        .order_by("role")
    )
    return {"team": [(Role(role).label, n) for role, n in counts]}


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


@permission_required("reset_passwords")
def user_password_reset(request, pk):
    """Confirm, then show the temporary password once (it is stored only as a hash)."""
    user = get_visible(User.objects, request.user, pk=pk)
    password = None
    if request.method == "POST":
        password = actions.reset_password(actor=request.user, user=user)
    context = {"edited": user, "password": password}
    return render(request, "accounts/password_reset.html", context)


@permission_required("view_audit")
def audit_list(request):
    events = AuditEvent.objects.visible_to(request.user).select_related("actor")
    model = params.text(request.GET, "model")
    if model:
        events = events.filter(model=model)
    page = Paginator(events, 30).get_page(params.integer(request.GET, "page", 1, minimum=1))
    for event in page:
        event.record_label = audit_display.record_label(event.model)
        event.readable_changes = audit_display.changes(event)
    return render(request, "accounts/audit_list.html", {"page": page, "model": model})
