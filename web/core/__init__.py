"""App-wide pieces every feature stands on: extensions, models, sign-in, security, audit."""
