"""The methods `nohero.lazyclass.record` gives a record, as functions over
its field names: nothing here is compiled per class (that is the point:
dataclasses compiles each method from source text). Each builds the same
tuples, messages and states dataclass's generated methods do;
tests/test_lazyclass.py compares them."""

from __future__ import annotations

import _thread
from collections.abc import Callable
from operator import attrgetter
from typing import Any

_REPRING: set[tuple[int, int]] = set()  # (object, thread) being shown: recursion prints ...


def repr_method(names: tuple[str, ...]) -> Callable[[object], str]:
    def __repr__(self: object) -> str:
        key = id(self), _thread.get_ident()
        if key in _REPRING:
            return "..."
        _REPRING.add(key)
        try:
            shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in names)
        finally:
            _REPRING.discard(key)
        return f"{self.__class__.__qualname__}({shown})"

    return __repr__


def _values(names: tuple[str, ...]) -> Callable[[object], tuple[Any, ...]]:
    """The tuple dataclass's methods compare and hash: (self.a, self.b, ...)."""
    if len(names) > 1:
        return attrgetter(*names)
    if names:
        one = attrgetter(names[0])
        return lambda self: (one(self),)
    return lambda self: ()


def comparisons(cls: type, names: tuple[str, ...], order: bool) -> dict[str, Any]:
    values = _values(names)

    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return values(self) == values(other)
        return NotImplemented

    methods: dict[str, Any] = {"__eq__": __eq__}
    if order:

        def __lt__(self: Any, other: Any) -> Any:
            if other.__class__ is self.__class__:
                return values(self) < values(other)
            return NotImplemented

        def __le__(self: Any, other: Any) -> Any:
            if other.__class__ is self.__class__:
                return values(self) <= values(other)
            return NotImplemented

        def __gt__(self: Any, other: Any) -> Any:
            if other.__class__ is self.__class__:
                return values(self) > values(other)
            return NotImplemented

        def __ge__(self: Any, other: Any) -> Any:
            if other.__class__ is self.__class__:
                return values(self) >= values(other)
            return NotImplemented

        methods.update(__lt__=__lt__, __le__=__le__, __gt__=__gt__, __ge__=__ge__)
    return methods


def hash_method(names: tuple[str, ...]) -> Callable[[object], int]:
    values = _values(names)

    def __hash__(self: object) -> int:
        return hash(values(self))

    return __hash__


def frozen_methods(cls: type, fields: set[str]) -> dict[str, Any]:
    def __setattr__(self: object, name: str, value: Any) -> None:
        if type(self) is cls or name in fields:
            raise _frozen_error(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)  # type: ignore[arg-type]

    def __delattr__(self: object, name: str) -> None:
        if type(self) is cls or name in fields:
            raise _frozen_error(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)  # type: ignore[arg-type]

    return {"__setattr__": __setattr__, "__delattr__": __delattr__}


def _frozen_error(message: str) -> Exception:
    from dataclasses import FrozenInstanceError

    return FrozenInstanceError(message)


def slotted(cls: type, names: list[str], frozen: bool) -> type:
    """The class again with `__slots__` for its fields, as dataclass(slots=True)
    remakes it (a frozen one pickles through __getstate__/__setstate__)."""
    body = dict(cls.__dict__)
    body["__slots__"] = tuple(names)
    for name in (*names, "__dict__", "__weakref__"):
        body.pop(name, None)
    slotted = type(cls)(cls.__name__, cls.__bases__, body)
    slotted.__qualname__ = cls.__qualname__
    if frozen:
        if "__getstate__" not in body:

            def __getstate__(self: object) -> list[Any]:
                return [getattr(self, name) for name in names]

            slotted.__getstate__ = __getstate__  # type: ignore[method-assign,assignment]
        if "__setstate__" not in body:

            def __setstate__(self: object, state: list[Any]) -> None:
                for name, value in zip(names, state, strict=False):
                    object.__setattr__(self, name, value)

            slotted.__setstate__ = __setstate__  # type: ignore[attr-defined]
    return slotted
