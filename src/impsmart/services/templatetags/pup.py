"""``{% kie_mentees session %}``: the young people and couples of a PUP mentoring session,
on the KIE session's page; only those the user may read are named."""

from django import template

from impsmart import dates
from impsmart.families.models import Member
from impsmart.services.models import Couple, Mentee

register = template.Library()


@register.inclusion_tag("services/_kie_mentees.html", takes_context=True)
def kie_mentees(context, session) -> dict:
    user = context["request"].user
    mentees = Mentee.objects.visible_to(user).filter(session=session)
    people = list(
        Member.objects.visible_to(user)
        .filter(pk__in=mentees.values("person"))
        .select_related("family")
        .order_by("name")
    )
    couples = list(
        Couple.objects.visible_to(user)
        .filter(pk__in=mentees.values("couple"))
        .order_by("bride_name", "pk")
    )
    day = session.date
    return {
        "people": [(p, dates.age_on(p.birth_date, day)) for p in people],
        "couples": couples,
        # Mentees whose register entry lies outside the user's scope: counted, not named.
        "unnamed": len(mentees) - len(people) - len(couples),
        "pup_session": session,
    }
