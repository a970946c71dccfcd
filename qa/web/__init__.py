"""The web app of `qa serve`: chat page, REST API and embeddable widget (see qa.web.server)."""
