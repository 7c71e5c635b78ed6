from django.urls import path

from impsmart.regions import views

app_name = "regions"
urlpatterns = [
    # /wilayah/
    path("", views.region_index, name="index"),
    path("<str:code>/", views.region_detail, name="detail"),
    path("<str:code>/peta.geojson", views.region_geojson, name="geojson"),
    path("<str:code>/tambah/", views.add_child, name="add_child"),
]
