"""``impsmart import-register``: the contract's spelling of ``import_register``.

Django finds commands by file name, and the module name needs no identifier rules here.
"""

from impsmart.families.management.commands.import_register import Command

__all__ = ["Command"]
