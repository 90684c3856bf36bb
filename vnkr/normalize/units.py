"""Units of measure through pint: a rules file names each unit by its pint expression, pint checks it
and gives its symbol.

vnkr's own data keep only the words news writes ("megawatts", "tonnes", "sq km") and the pint unit
each stands for; the symbol a claim carries is pint's compact one (`MW`, `t`, `km2`), unless the
spec names the unit otherwise (`degC`, `bbl`, `hour`), which the rule then says.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pint

# units news counts that pint does not define: a container is measured in twenty-foot equivalents,
# a change of a rate in hundredths of a percentage point, a trace in parts per billion (pint has ppm only)
EXTRA_UNITS = ("TEU = [container]", "basis_point = 0.0001", "ppb = 1e-9")  # pint's "bp" is a typographic point: the rule names the symbol


class UnitError(ValueError):
    """A unit expression pint does not know."""


# what pint said of expressions, when the rules came from the cache (vnkr.rules_cache): expression →
# its symbol, or None when pint does not know it; pint (imported when first needed) is asked the others
KNOWN: dict[str, str | None] = {}


@lru_cache(maxsize=1)
def registry() -> pint.UnitRegistry:
    import pint

    units = pint.UnitRegistry()
    for definition in EXTRA_UNITS:
        units.define(definition)
    return units


@lru_cache(maxsize=512)
def symbol(expression: str) -> str:
    """The compact symbol of a pint unit expression: 'megawatt' → 'MW', 'kilometer ** 2' → 'km2'."""
    if expression in KNOWN:
        if KNOWN[expression] is None:
            raise UnitError(f"{expression!r} is not a unit pint knows")
        return KNOWN[expression]
    return f"{_unit(expression):~C}".replace("**", "")


def per(numerator: str, denominator: str) -> str:
    """A compound unit of a price or a rate: ('USD', 't') → 'USD/t'; of two units pint knows, pint's
    symbol for their quotient: ('km', 'hour') → 'km/h', as '350 km/h' itself reads."""
    if KNOWN.get(numerator, "") is None or KNOWN.get(denominator, "") is None:
        return f"{numerator}/{denominator}"  # pint does not know one of them: no need to ask it
    try:
        return symbol(f"({numerator}) / ({denominator})")
    except UnitError:
        return f"{numerator}/{denominator}"


def _unit(expression: str) -> pint.Unit:
    import pint

    try:
        return registry().Unit(expression)
    except (pint.errors.UndefinedUnitError, pint.errors.DefinitionSyntaxError, AttributeError, TypeError, ValueError) as error:
        raise UnitError(f"{expression!r} is not a unit pint knows ({error})") from None
