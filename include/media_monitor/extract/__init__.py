"""Pure extraction functions on archived bytes and HTML: encoding, front pages, articles, dates."""
