"""The Qt-free print document (what goes on which page); coopguide.printing paints it.

Imports core.content, core.store and core.shared."""
