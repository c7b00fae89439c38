"""Portal web form; its fields and settings are in the JSON beside this file, its helpers in sanfenlei_app/portal.py."""

from sanfenlei_app.portal import web_form_context


def get_context(context):
	return web_form_context(context, "Assessment Sheet")
