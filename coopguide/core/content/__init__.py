"""The bundled content: model, loader and checks, HTML rendering, slides, glossary, cache. Imports only core.shared."""
