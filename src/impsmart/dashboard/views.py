"""The home page: what each role needs first."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import render

from impsmart.accounts.models import User
from impsmart.accounts.roles import Role
from impsmart.counseling.views import home_blocks
from impsmart.regions.models import Region
from impsmart.reports.views import returned_for


@login_required
def home(request):
    user = request.user
    regions = Region.objects.visible_to(user)
    own = regions.filter(code__in=user.scope_codes).order_by("code")
    context = {"own_regions": own, "returned": returned_for(user), **home_blocks(user)}
    if user.may("manage_users"):
        counts = (
            User.objects.visible_to(user)
            .exclude(pk=user.pk)
            .values_list("role")
            .annotate(n=Count("id"))
            .order_by("role")
        )
        context["team"] = [(Role(role).label, n) for role, n in counts]
    context["children"] = (
        regions.filter(parent__in=own).annotate(n_children=Count("children")).order_by("code")
    )
    return render(request, "dashboard/home.html", context)
