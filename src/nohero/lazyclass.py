"""`@record`: a dataclass without the cost of `dataclasses` at import.

`dataclasses.dataclass` writes each method as source text and compiles it
when the class is defined, and importing `dataclasses` loads `inspect`
(`ast`, `dis`, `tokenize`...): together ~4 M instructions a record and 44 M
for the module, a third of a one-file pre-commit run, paid before a
document is read. `record(**options)` takes dataclass's options and makes a
class that behaves as `@dataclass(**options)` makes it, more cheaply:

- `__repr__`, `__eq__`, `__hash__`, the order methods and a frozen class's
  `__setattr__`/`__delattr__` are shared functions over the class's field
  names (nothing compiled; they build the same tuples dataclass's do);
- `__init__` is written and compiled on its first look-up (the first
  instance), as dataclass writes it, so hot records construct as fast;
- `__dataclass_fields__`/`__dataclass_params__` are made by `dataclasses`
  itself, from a twin of the class, when first asked for (`fields`,
  `replace`, `asdict`, `is_dataclass` then work as on any dataclass);
- a class without a docstring gets dataclass's (name and signature) when
  its `__doc__` is first read.

`field(...)` stands for `dataclasses.field` in a record's body. A shape this
module does not make itself -- a base class, a hand-written dunder, a
ClassVar/InitVar/KW_ONLY annotation, kw_only, unsafe_hash --
is left to `dataclasses`, done on first use (an instance, a method or a
field look-up) so that a run which never meets the record does not pay.
tests/test_lazyclass.py holds every `@record` class in the package, and a
set of shapes, equal to their `@dataclass` twins.
"""

from __future__ import annotations

import _thread
from collections.abc import Callable
from typing import Any, TypeVar, dataclass_transform, overload

from .recordmethods import MISSING as _MISSING
from .recordmethods import (
    InitStandIn,
    comparisons,
    frozen_methods,
    hash_method,
    repr_method,
    slotted,
)

_T = TypeVar("_T", bound=type)
_V = TypeVar("_V")
_LOCK = _thread.RLock()  # the miner's thread makes records too
# What dataclasses may set on a class, and so what may not be written by hand
# in a record this module makes (nor looked up before a lazy one is made).
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
_HAND_WRITTEN = frozenset(_STAND_INS)
_OPTIONS = {"init", "repr", "eq", "order", "frozen", "slots", "match_args"}
PENDING = "__nohero_record_options__"  # on a class left to dataclasses, not made yet
RECORDS: list[type] = []  # every @record class (tests/test_lazyclass.py checks them)


class Field:
    """What `field(...)` returns in a record's body: dataclasses.field's
    arguments, kept until the class is made."""

    __slots__ = ("default", "default_factory", "init", "repr", "hash", "compare", "kw_only")
    default: Any  # each _MISSING when not given
    default_factory: Any
    init: Any
    repr: Any
    hash: Any
    compare: Any
    kw_only: Any

    def __init__(  # noqa: PLR0913 - dataclasses.field's arguments
        self,
        default: Any = _MISSING,
        default_factory: Any = _MISSING,
        init: Any = _MISSING,
        repr: Any = _MISSING,  # noqa: A002 - field()'s own names
        hash: Any = _MISSING,  # noqa: A002
        compare: Any = _MISSING,
        kw_only: Any = _MISSING,
    ) -> None:
        self.default = default
        self.default_factory = default_factory
        self.init = init
        self.repr = repr
        self.hash = hash
        self.compare = compare
        self.kw_only = kw_only

    def given(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__slots__ if getattr(self, k) is not _MISSING}


_REQUIRED = Field()  # a field written without a default (shared: never changed)


@overload
def field(
    *, default: _V, init: bool = ..., repr: bool = ..., hash: bool | None = ..., compare: bool = ...
) -> _V: ...
@overload
def field(
    *,
    default_factory: Callable[[], _V],
    init: bool = ...,
    repr: bool = ...,
    hash: bool | None = ...,
    compare: bool = ...,
) -> _V: ...
@overload
def field(
    *, init: bool = ..., repr: bool = ..., hash: bool | None = ..., compare: bool = ...
) -> Any: ...


def field(**given: Any) -> Any:
    """`dataclasses.field` for a `@record` (same arguments)."""
    if "default" in given and "default_factory" in given:
        raise ValueError("cannot specify both default and default_factory")
    return Field(**given)


class _StandIn:
    """In place of a name on a class left to dataclasses: the first look-up
    makes the class, then answers as the made class does."""

    def __init__(self, owner: type, name: str) -> None:
        self.owner = owner
        self.name = name

    def __get__(self, instance: object, owner: type | None = None) -> Any:
        make(self.owner)
        if instance is None:
            return getattr(owner if owner is not None else self.owner, self.name)
        return getattr(instance, self.name)


def make(cls: type) -> type:
    """Make `cls` the dataclass its `@record` options say (once), when it
    was left to dataclasses."""
    with _LOCK:
        options = cls.__dict__.get(PENDING)
        if options is None:
            return cls
        for name in _STAND_INS:
            if isinstance(cls.__dict__.get(name), _StandIn):
                delattr(cls, name)
        delattr(cls, PENDING)
        return _dataclass(cls, options)


def _dataclass(cls: type, options: dict[str, Any]) -> type:
    import dataclasses

    for name, value in list(cls.__dict__.items()):
        if isinstance(value, Field):
            setattr(cls, name, dataclasses.field(**value.given()))
    return dataclasses.dataclass(cls, **options)


@overload
def record(cls: _T, /) -> _T: ...
@overload
def record(cls: None = None, /, **options: Any) -> Callable[[_T], _T]: ...


@dataclass_transform(
    eq_default=True, order_default=False, kw_only_default=False, field_specifiers=(field,)
)
def record(cls: type | None = None, /, **options: Any) -> Any:
    """`@dataclass(**options)`, without compiling anything until needed."""

    def wrap(cls: type) -> type:
        RECORDS.append(cls)
        fields = _own_fields(cls, options)
        if fields is not None:
            made = _Shape(cls, fields, options).make()
            if made is not cls:
                RECORDS[-1] = made
            return made
        if options.get("slots"):
            return _dataclass(cls, options)
        if not _HAND_WRITTEN.isdisjoint(cls.__dict__):  # by hand: dataclasses now
            return _dataclass(cls, options)
        setattr(cls, PENDING, options)
        for name in _STAND_INS:
            setattr(cls, name, _StandIn(cls, name))
        return cls

    return wrap if cls is None else wrap(cls)


def _own_fields(cls: type, options: dict[str, Any]) -> list[tuple[str, Field]] | None:
    """The fields of a class this module makes itself, in order; None for a
    shape left to dataclasses."""
    if (
        not set(options) <= _OPTIONS
        or cls.__bases__ != (object,)
        or type(cls) is not type
        or not _HAND_WRITTEN.isdisjoint(cls.__dict__)
    ):
        return None
    fields = []
    for name, annotation in cls.__dict__.get("__annotations__", {}).items():
        if not isinstance(annotation, str) or name == "self" or name.startswith("_nohero_"):
            return None
        if "ClassVar" in annotation or "InitVar" in annotation or "KW_ONLY" in annotation:
            return None
        value = cls.__dict__.get(name, _MISSING)
        spec = value if type(value) is Field else _REQUIRED if value is _MISSING else Field(value)
        if spec.kw_only is not _MISSING:
            return None
        fields.append((name, spec))
    return fields


class _Shape:
    """One record class being made: its fields and options."""

    def __init__(self, cls: type, fields: list[tuple[str, Field]], options: dict[str, Any]) -> None:
        self.cls = cls
        self.fields = fields
        self.frozen = bool(options.get("frozen", False))
        self.eq = bool(options.get("eq", True))
        self.order = bool(options.get("order", False))
        self.options = options
        if self.order and not self.eq:
            raise ValueError("eq must be true if order is true")
        seen_default = False
        for name, spec in fields:
            default = spec.default
            if default is not _MISSING and type(default).__hash__ is None:
                raise ValueError(
                    f"mutable default {type(default)} for field {name} is not allowed:"
                    " use default_factory"
                )
            if spec.init is _MISSING or spec.init:
                if default is not _MISSING or spec.default_factory is not _MISSING:
                    seen_default = True
                elif seen_default:
                    raise TypeError(f"non-default argument {name!r} follows default argument")

    def names(self, flag: str, *, or_hash: bool = False) -> tuple[str, ...]:
        """Fields whose `flag` (repr, compare, init) is on (unset = on)."""
        chosen = []
        for name, spec in self.fields:
            value = getattr(spec, flag)
            if or_hash and spec.hash is not _MISSING and spec.hash is not None:
                on = bool(spec.hash)
            else:
                on = value is _MISSING or bool(value)
            if on:
                chosen.append(name)
        return tuple(chosen)

    def make(self) -> type:
        cls = self.cls
        for name, spec in self.fields:  # class attributes as dataclasses leaves them
            if spec.default is not _MISSING:
                setattr(cls, name, spec.default)
            elif name in cls.__dict__:
                delattr(cls, name)
        if self.options.get("slots"):
            cls = self.cls = slotted(cls, [name for name, _ in self.fields], self.frozen)
        methods: dict[str, Any] = {}
        if self.options.get("init", True):
            methods["__init__"] = InitStandIn(cls, self.fields, self.frozen)
        if self.options.get("repr", True):
            methods["__repr__"] = repr_method(self.names("repr"))
        compared = self.names("compare")
        if self.eq:
            methods.update(comparisons(cls, compared, self.order))
            methods["__hash__"] = (
                hash_method(self.names("compare", or_hash=True)) if self.frozen else None
            )
        if self.frozen:
            methods.update(frozen_methods(cls, {name for name, _ in self.fields}))
        if self.options.get("match_args", True):
            methods["__match_args__"] = self.names("init")
        for name, value in methods.items():
            if callable(value) and hasattr(value, "__qualname__"):
                value.__qualname__ = f"{cls.__qualname__}.{name}"
            setattr(cls, name, value)
        if cls.__doc__ is None:
            cls.__doc__ = _DocStandIn(cls)  # type: ignore[assignment]
        cls.__dataclass_fields__ = _TwinStandIn(self, "__dataclass_fields__")  # type: ignore[attr-defined]
        cls.__dataclass_params__ = _TwinStandIn(self, "__dataclass_params__")  # type: ignore[attr-defined]
        return cls


class _TwinStandIn:
    """`__dataclass_fields__`/`__dataclass_params__` until first looked up:
    then taken from the dataclass `dataclasses` makes of a twin of the class
    (same annotations, defaults, options; without slots)."""

    def __init__(self, shape: _Shape, name: str) -> None:
        self.shape = shape
        self.name = name

    def __get__(self, instance: object, owner: type | None = None) -> Any:
        cls = self.shape.cls
        with _LOCK:
            if isinstance(cls.__dict__.get(self.name), _TwinStandIn):
                import dataclasses

                body: dict[str, Any] = {
                    "__annotations__": dict(cls.__dict__["__annotations__"]),
                    "__module__": cls.__module__,
                    "__qualname__": cls.__qualname__,
                    "__doc__": cls.__doc__,
                }
                for name, spec in self.shape.fields:
                    if spec.given():
                        body[name] = dataclasses.field(**spec.given())
                options = {k: v for k, v in self.shape.options.items() if k != "slots"}
                twin: type = dataclasses.dataclass(type(cls.__name__, (), body), **options)
                for name in ("__dataclass_fields__", "__dataclass_params__"):
                    type.__setattr__(cls, name, twin.__dict__[name])
        return cls.__dict__[self.name]


class _DocStandIn:
    """`__doc__` of a record written without one: dataclass's text (name and
    `__init__` signature), made when first read (`inspect` is costly)."""

    def __init__(self, cls: type) -> None:
        self.cls = cls

    def __get__(self, instance: object, owner: type | None = None) -> str:
        cls = self.cls
        with _LOCK:
            text = cls.__dict__["__doc__"]
            if isinstance(text, _DocStandIn):
                import inspect

                text = cls.__name__ + str(inspect.signature(cls)).replace(" -> None", "")
                type.__setattr__(cls, "__doc__", text)
        return str(text)
