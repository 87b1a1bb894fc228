"""`@record`: a dataclass made when first used, for records most runs never
make (problems, the full report's rows, escalation levels...).

`dataclasses.dataclass` writes each method as source text and compiles it
when the class is defined: a few milliseconds per module, paid at import by
every run, including a one-file pre-commit run that meets none of these
records. `record(**options)` takes the same options and does the same work
the first time the class is used -- an instance made, a method or
`__dataclass_fields__` looked up (so `dataclasses.fields`, `replace`,
`asdict` and `is_dataclass` see a plain dataclass) -- and never before.
After that the class is exactly what `@dataclass(**options)` makes; until
then it holds stand-ins for the names dataclasses will set.

`slots=True` makes a new class, which cannot wait: such classes are made at
once. tests/test_lazyclass.py holds every `@record` class in the package
equal to its eager dataclass.
"""

from __future__ import annotations

import _thread
from collections.abc import Callable
from typing import Any, TypeVar, dataclass_transform, overload

_T = TypeVar("_T", bound=type)
_LOCK = _thread.RLock()  # the miner's thread makes records too
# What dataclasses may set on a class, and so what may not be looked up
# before the class is made.
_STAND_INS = (
    "__init__",
    "__repr__",
    "__eq__",
    "__hash__",
    "__lt__",
    "__le__",
    "__gt__",
    "__ge__",
    "__setattr__",
    "__delattr__",
    "__match_args__",
    "__dataclass_fields__",
    "__dataclass_params__",
)
PENDING = "__nohero_record_options__"  # on a class not made yet: its options
RECORDS: list[type] = []  # every @record class (tests/test_lazyclass.py checks them)


class _StandIn:
    """In place of a name dataclasses will set: the first look-up makes the
    class, then answers as the made class does."""

    def __init__(self, owner: type, name: str) -> None:
        self.owner = owner
        self.name = name

    def __get__(self, instance: object, owner: type | None = None) -> Any:
        make(self.owner)
        if instance is None:
            return getattr(owner if owner is not None else self.owner, self.name)
        return getattr(instance, self.name)


def make(cls: type) -> type:
    """Make `cls` the dataclass its `@record` options say (once)."""
    with _LOCK:
        options = cls.__dict__.get(PENDING)
        if options is None:
            return cls
        for name in _STAND_INS:
            if isinstance(cls.__dict__.get(name), _StandIn):
                delattr(cls, name)
        delattr(cls, PENDING)
        import dataclasses

        return dataclasses.dataclass(cls, **options)


@overload
def record(cls: _T, /) -> _T: ...
@overload
def record(cls: None = None, /, **options: Any) -> Callable[[_T], _T]: ...


@dataclass_transform(eq_default=True, order_default=False, kw_only_default=False)
def record(cls: type | None = None, /, **options: Any) -> Any:
    """`@dataclass(**options)`, done when the class is first used."""

    def wrap(cls: type) -> type:
        RECORDS.append(cls)
        if options.get("slots"):
            import dataclasses

            return dataclasses.dataclass(cls, **options)
        originals = [name for name in _STAND_INS if name in cls.__dict__]
        if originals:  # written by hand: leave the class to dataclasses now
            import dataclasses

            return dataclasses.dataclass(cls, **options)
        setattr(cls, PENDING, options)
        for name in _STAND_INS:
            setattr(cls, name, _StandIn(cls, name))
        return cls

    return wrap if cls is None else wrap(cls)
