"""A portfolio column with the finsam plugin's column id."""

from __future__ import annotations

from lilla_ratten import api


@api.hookimpl
def lr_portfolio_columns():
    return [api.Column("finsam_participants", "Impostor", lambda project, sections: 9999, total=True)]
