from django.urls import include, path

from impsmart.api.api import api
from impsmart.training.urls import verify_urlpatterns

urlpatterns = [
    path("", include("impsmart.dashboard.urls")),
    path("", include("impsmart.offline.urls")),
    path("accounts/", include("impsmart.accounts.urls")),
    path("wilayah/", include("impsmart.regions.urls")),
    path("register/", include("impsmart.families.register_urls")),
    path("keluarga/", include("impsmart.families.urls")),
    path("laporan/", include("impsmart.reports.urls")),
    path("konseling/", include("impsmart.counseling.urls")),
    path("pelayanan/", include("impsmart.services.urls")),
    path("pertemuan/", include("impsmart.meetings.urls")),
    path("forum/", include("impsmart.meetings.forum_urls")),
    path("poktan/", include("impsmart.groups.urls")),
    path("organisasi/", include("impsmart.organization.urls")),
    path("dana/", include("impsmart.funds.urls")),
    path("impor/", include("impsmart.families.import_urls")),
    path("pelatihan/", include("impsmart.training.urls")),
    path("monev/", include("impsmart.monitoring.urls")),
    path("sertifikat/", include(verify_urlpatterns)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
]
