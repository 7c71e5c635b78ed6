"""The installable app: its manifest, its service worker, and the offline page itself.

The offline page is one shell (``/luring/``) that draws her visit list, families, forms and
outbox with small scripts from the data of the last sync kept in IndexedDB; the service
worker keeps the shell, its scripts and the MEC table, and answers any page of the site with
the shell when there is no signal.
"""

import hashlib
from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.http import JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.templatetags.static import static
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from impsmart import params
from impsmart.counseling import mec, mec_labels
from impsmart.offline import forms_data

THEME = "#0b6e4f"
SHELL_FILES = (
    "offline/app.js",
    "offline/store.js",
    "offline/page.js",
    "offline/mec.js",
    "offline/offline.css",
)


def texts() -> dict[str, str]:
    """The page script's words ({n}, {date}... are filled in by the script)."""
    return {
        "waiting": _("{n} menunggu dikirim"),
        "all_sent": _("Semua catatan sudah terkirim"),
        "to_check": _("{n} perlu diperiksa"),
        "online": _("Ada sinyal"),
        "offline": _("Tidak ada sinyal: catatan disimpan di ponsel dan dikirim nanti."),
        "last_sync": _("Sinkron terakhir: {when}"),
        "never": _("Belum pernah sinkron: sambungkan ke internet sekali untuk mengambil data."),
        "syncing": _("Sedang sinkron…"),
        "send_failed": _("Gagal sinkron (kode {status}); coba lagi nanti."),
        "sign_in": _("Masuk lagi (login) untuk mengirim {n} catatan."),
        "no_visits": _("Tidak ada kunjungan yang jatuh tempo."),
        "search": _("Cari nama, nomor KK atau alamat"),
        "uses": _("memakai {method} sejak {date}"),
        "no_method": _("tidak ber-KB"),
        "pregnant": _("hamil sejak {date}"),
        "not_kept": _("Data ini belum tersimpan di ponsel; sinkronkan dulu."),
        "waiting_status": _("menunggu dikirim"),
        "refused": _("ditolak: perbaiki lalu simpan lagi"),
        "conflict": _("konflik: data di server sudah berubah"),
        "edit": _("Ubah"),
        "discard": _("Buang"),
        "save": _("Simpan di ponsel"),
        "mec_clash": _("Ada kondisi yang saling bertentangan; sisakan satu."),
    }


def version() -> str:
    """Changes with the shell's scripts, so a new release installs a new worker."""
    digest = hashlib.sha256()
    for name in SHELL_FILES:
        digest.update(Path(finders.find(name)).read_bytes())
    return digest.hexdigest()[:12]


def manifest(request):
    data = {
        "name": "IMP Smart — Kader KB",
        "short_name": "IMP Smart",
        "description": _("Kunjungan, keluarga dan pencatatan KB, juga tanpa sinyal."),
        "lang": "id",
        "start_url": "/luring/",
        "scope": "/",
        "display": "standalone",
        "theme_color": THEME,
        "background_color": "#ffffff",
        "icons": [
            {"src": static("offline/icon.svg"), "sizes": "any", "type": "image/svg+xml"},
            {"src": static("offline/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("offline/icon-512.png"), "sizes": "512x512", "type": "image/png"},
        ],
    }
    return JsonResponse(data, content_type="application/manifest+json")


@never_cache
def service_worker(request):
    """Rendered so that it names the hashed static files; a new release is a new worker.

    The page that registers it names its language (``?lang=``): the worker speaks the language
    of the pages, whatever the browser sends with the worker's own request.
    """
    lang = params.choice(request.GET, "lang", "", dict(settings.LANGUAGES))
    with translation.override(lang or None):
        return _service_worker(request)


def _service_worker(request):
    unsent = {  # the page that answers a form sent as the signal drops
        "title": _("Belum terkirim"),
        "said": _(
            "Tidak ada sinyal: isian ini belum terkirim. Kembali ke isian: yang sudah Anda "
            "ketik masih ada; kirim lagi saat ada sinyal."
        ),
        "back": _("Kembali ke isian"),
    }
    context = {"version": version(), "unsent": unsent}
    response = render(request, "offline/sw.js", context, content_type="text/javascript")
    response["Service-Worker-Allowed"] = "/"
    return response


@login_required
def app(request):
    return render(
        request,
        "offline/app.html",
        {"forms": forms_data.forms(), "texts": texts()},
    )


def mec_table(request):
    """The WHO MEC table as the phone combines it (``static/offline/mec.js``)."""
    table = mec.load_table()
    return JsonResponse(
        {
            "methods": list(mec.METHODS),
            "names": {m: str(mec_labels.METHOD_NAMES[m]) for m in mec.METHODS},
            "words": {c: str(w) for c, w in mec_labels.CATEGORY_WORDS.items()},
            "scales": {
                "letters": sorted(mec.LETTER_METHODS),
                "scale": list(mec.SCALE),
                "mal": list(mec.MAL_SCALE),
            },
            "groups": [list(prefixes) for prefixes in mec.EXCLUSIVE_GROUPS.values()],
            "table": {
                cid: {m: row.category for m, row in cells.items()} for cid, cells in table.items()
            },
            "labels": {cid: mec_labels.condition_phrase(cid) for cid in table},
        }  # fmt: skip
    )


@never_cache
@login_required
def csrf(request):
    """A fresh CSRF token before the outbox is sent (the cached page's token may be stale)."""
    return JsonResponse({"token": get_token(request), "user": request.user.get_username()})
