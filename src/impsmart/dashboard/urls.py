from django.urls import path

from impsmart.dashboard import views, views_maps

app_name = "dashboard"
urlpatterns = [
    # /
    path("", views.home, name="home"),
    # /peta/
    path("peta/", views_maps.map_index, name="map_index"),
    path("peta/<str:code>/", views_maps.region_map, name="map"),
    path("peta/<str:code>/data.geojson", views_maps.map_data, name="map_data"),
    path("peta/<str:code>/titik.geojson", views_maps.map_points, name="map_points"),
]
