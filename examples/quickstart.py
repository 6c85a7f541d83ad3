"""Quick start: record a small co-innovation session, query it, check it, save and load it.

Run it with ``python examples/quickstart.py``.
"""

import tempfile
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import coinnovation as co

bst = timezone(timedelta(hours=1))
hub = co.Hub(name="Quick start").add(
    co.Organisation(id="o-whg", name="whg", kind=co.OrganisationKind.HOUSING_ASSOCIATION, sector=co.Sector.COMMUNITY),
    co.Person(id="p-ana", name="Ana K.", roles=(co.PersonRole.COMMUNITY_CHAMPION,)),
    co.Membership(id="m-1", person="p-ana", organisation="o-whg", start=date(2021, 3, 1)),
    co.Session(id="s-day", name="Co-innovation day", kind=co.SessionKind.EVENT,
               start=datetime(2023, 6, 22, 9, 30, tzinfo=bst), end=datetime(2023, 6, 22, 16, tzinfo=bst)),
    co.Session(id="s-t1", name="Table 1", kind=co.SessionKind.TABLE, parent="s-day"),
    co.Participation(id="pa-1", session="s-t1", person="p-ana", role=co.ParticipationRole.PRESENTER,
                     level=co.ParticipationLevel.COLLABORATE),
    co.Contribution(id="co-1", session="s-t1", author="p-ana", kind=co.ContributionKind.IDEA,
                    text="Hold the app's help sessions at the community centre."),
)  # fmt: skip
print(hub)
print("members of whg:", [person.name for person in hub.members("o-whg")])
print("sessions under the day:", [session.name for session in hub.subsessions("s-day")])
print("attended the day:", hub.attendees("s-day"), "- sector:", hub.sector_of("p-ana"))

try:  # every reference is checked: a record that points nowhere is refused
    hub.add(co.Participation(id="pa-2", session="s-t1", person="p-nobody"))
except co.HubIntegrityError as error:
    print(error)

with tempfile.TemporaryDirectory() as folder:
    path = co.save(hub, Path(folder) / "hub.json")
    print("saved, and loaded back unchanged:", co.load(path) == hub)
