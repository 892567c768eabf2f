"""Airflow UI extension: the trend reports, served inside the API server and linked in the nav."""

from __future__ import annotations

from airflow.plugins_manager import AirflowPlugin

from media_monitor.reports_app import create_app


class MediaMonitorPlugin(AirflowPlugin):
    name = "media_monitor"
    fastapi_apps = [{"app": create_app(), "url_prefix": "/mediamon", "name": "Media Monitor reports"}]
    external_views = [
        {
            "name": "Media Monitor reports",
            "href": "/mediamon/",
            "destination": "nav",
            "category": "browse",
            "url_route": "mediamon",
        }
    ]
