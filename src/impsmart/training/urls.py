from django.urls import path, re_path

from impsmart.training import views
from impsmart.training.views import events, houses, smartbook

app_name = "training"
LANG = r"(?P<lang>id|en)"

urlpatterns = [
    path("", views.index, name="index"),
    path("kompetensi/", views.competence_view, name="competence"),
    path("buku/sw.js", smartbook.service_worker, name="book_sw"),
    re_path(rf"^buku/{LANG}/$", smartbook.book_index, name="book"),
    re_path(rf"^buku/{LANG}/buku-pintar\.pdf$", smartbook.booklet_pdf, name="booklet"),
    re_path(rf"^buku/{LANG}/(?P<slug>\d\d-[a-z0-9-]+)/$", smartbook.chapter, name="chapter"),
    path("acara/baru/", events.event_create, name="event_create"),
    path("acara/<int:pk>/", events.event_detail, name="event"),
    path("peserta/<int:pk>/tes/<str:phase>/", events.attempt, name="attempt"),
    path("peserta/<int:pk>/sertifikat.pdf", events.certificate_pdf, name="certificate"),
    path("rumah-baca/", houses.house_list, name="houses"),
    path("rumah-baca/<int:pk>/", houses.house_detail, name="house"),
]
# The public check of a certificate (no login): root urls.py mounts it at /sertifikat/<code>/.
verify_urlpatterns = [
    path("<str:code>/", events.verify, name="certificate_verify"),
]
