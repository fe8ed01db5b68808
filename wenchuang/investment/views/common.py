"""What the investment pages share: showing a refusal as a message."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _


def refused(request: HttpRequest, error: Exception, form=None) -> None:
    """Show why a service refused; field errors also go on the form when there is one."""
    if isinstance(error, ValidationError) and hasattr(error, "error_dict") and form is not None:
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
        return
    text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
    messages.error(request, text or _("You may not do this."))
