"""One module per letter, each defining ``LETTER``; ``forms.letters.all_letters()`` finds them."""
