"""Pure extraction functions on archived bytes and HTML: encoding, front pages, articles, dates.

The public entry points are the names without a leading underscore (``extract_article``,
``extract_frontpage``, ``decode_html``, ...). Names with one (``_norm``, ``_X_H1``, ``_BYLINE_TEXT``, ...)
are shared between the modules of this package only: the article readers (``titles``, ``authors``,
``published``, ...) import them from ``markup``, ``evidence`` and ``names``, but nothing outside
``media_monitor.extract`` should, and they may change without notice.
"""
