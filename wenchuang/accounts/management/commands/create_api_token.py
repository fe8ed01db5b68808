"""`manage.py create_api_token USERNAME NAME`: a bearer token for a program, printed once."""

from django.core.management.base import BaseCommand, CommandError

from wenchuang.accounts.models import User
from wenchuang.accounts.services import api_token_create


class Command(BaseCommand):
    help = "Create an API token for a user and print its key; only its hash is kept."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("name", help="what the token is for, e.g. 'statistics export'")

    def handle(self, *args, username: str, name: str, **options):
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user named {username!r}.")
        token, key = api_token_create(user=user, name=name[:100])
        self.stderr.write(f"Token {token} for {user.username}; the key is shown only now:")
        self.stdout.write(key)
