from django.urls import path

from impsmart.funds import views, views_arisan

app_name = "funds"
urlpatterns = [
    # /dana/
    path("", views.index, name="index"),
    path("institusi/<int:pk>/", views.institution, name="institution"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/anggota/tambah/", views.member_add, name="member_add"),
    path("<int:pk>/iuran/", views.dues, name="dues"),
    path("<int:pk>/catat/", views.entry, name="entry"),
    path("<int:pk>/hitung-kas/", views.count, name="count"),
    path("<int:pk>/buku-kas/", views.statement, name="statement"),
    path("<int:pk>/arisan/baru/", views_arisan.cycle_create, name="cycle_create"),
    path("anggota/<int:pk>/kartu/", views.card, name="card"),
    path("entri/<int:pk>/koreksi/", views.reverse, name="reverse"),
    path("entri/<int:pk>/kuitansi/", views.receipt, name="receipt"),
    path("hitung/<int:pk>/jelaskan/", views.explain, name="explain"),
    # /dana/arisan/
    path("arisan/<int:pk>/", views_arisan.cycle, name="cycle"),
    path("arisan/<int:pk>/komitmen/", views_arisan.commit, name="commit"),
    path("arisan/<int:pk>/undi/", views_arisan.draw, name="draw"),
    path("arisan/<int:pk>/setor/", views_arisan.contribute, name="contribute"),
    path("arisan/<int:pk>/bayar/", views_arisan.payout, name="payout"),
    path("arisan/<int:pk>/periksa/", views_arisan.verify, name="verify"),
]
