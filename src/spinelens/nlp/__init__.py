"""The spaCy stages, one module each (order: pipeline.py); every Doc._ / Span._ extension and
doc.user_data key is declared in extensions.py."""
