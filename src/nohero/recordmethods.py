"""The methods `nohero.lazyclass.record` gives a record, as functions over
its field names: nothing here is compiled per class (that is the point:
dataclasses compiles each method from source text). Each builds the same
tuples, messages and states dataclass's generated methods do;
tests/test_lazyclass.py compares them."""

from __future__ import annotations

import _thread
from collections.abc import Callable
from operator import attrgetter
from types import MethodType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .lazyclass import Field

MISSING: Any = type("_Missing", (), {"__repr__": lambda self: "MISSING"})()
GENERIC_INITS = 8  # instances a record makes before its __init__ is compiled
_LOCK = _thread.RLock()


class _Factory:
    """The default an `__init__` parameter with a default_factory shows."""

    def __repr__(self) -> str:
        return "<factory>"  # as dataclasses shows it


FACTORY = _Factory()


class InitStandIn:
    """A record's `__init__`: its first few instances are made by one shared
    function that binds the arguments (compiling an `__init__` costs more
    than a few dozen such calls, and most records a run makes, it makes
    once); after GENERIC_INITS of them -- or when `__init__` is looked up on
    the class (inspect, `Class.__init__(self, ...)`) -- the `__init__`
    dataclass would write is compiled and put in place. Any call the shared
    function is not sure of (a missing or doubled argument) goes to the
    compiled one, which answers as dataclass's does."""

    def __init__(self, cls: type, fields: list[tuple[str, Field]], frozen: bool) -> None:
        self.cls = cls
        self.fields = fields
        self.frozen = frozen
        self.post_init = hasattr(cls, "__post_init__")
        self.params = [(name, spec) for name, spec in fields if spec.init is MISSING or spec.init]
        self.names = frozenset(name for name, _ in self.params)
        self.calls = 0

    def __get__(self, instance: object, owner: type | None = None) -> Any:
        if instance is not None and self.calls < GENERIC_INITS:
            self.calls += 1
            return MethodType(self.generic, instance)
        return self.compiled().__get__(instance, owner)

    def generic(self, obj: object, /, *args: Any, **kwargs: Any) -> None:
        """What the compiled `__init__` does, for a call it surely accepts."""
        params = self.params
        if len(args) > len(params) or not self.names.issuperset(kwargs):
            return self.compiled()(obj, *args, **kwargs)
        values = []
        for index, (name, spec) in enumerate(params):
            if index < len(args):
                if name in kwargs:
                    return self.compiled()(obj, *args, **kwargs)
                values.append(args[index])
            elif name in kwargs:
                values.append(kwargs[name])
            elif spec.default_factory is not MISSING:
                values.append(FACTORY)
            elif spec.default is not MISSING:
                values.append(spec.default)
            else:
                return self.compiled()(obj, *args, **kwargs)
        assign = object.__setattr__ if self.frozen else setattr
        given = iter(values)
        for name, spec in self.fields:
            factory = spec.default_factory
            if spec.init is MISSING or spec.init:
                value = next(given)
                if value is FACTORY and factory is not MISSING:
                    value = factory()
            elif factory is not MISSING:
                value = factory()
            else:
                continue
            assign(obj, name, value)
        if self.post_init:
            obj.__post_init__()  # type: ignore[attr-defined]
        return None

    def compiled(self) -> Callable[..., None]:
        """The compiled `__init__`, put in place on the class (once)."""
        with _LOCK:
            function = self.cls.__dict__["__init__"]
            if function is self:
                function = self._compile()
                type.__setattr__(self.cls, "__init__", function)
        return function  # type: ignore[no-any-return]

    def _compile(self) -> Callable[..., None]:
        """`__init__` as dataclass writes it (frozen: object.__setattr__)."""
        scope: dict[str, Any] = {"_nohero_set": object.__setattr__, "_nohero_factory": FACTORY}
        params, body, annotations = ["self"], [], {}
        for name, spec in self.fields:
            factory = spec.default_factory
            if factory is not MISSING:
                scope[f"_nohero_factory_{name}"] = factory
            if spec.init is MISSING or spec.init:
                annotations[name] = self.cls.__dict__["__annotations__"][name]
                if factory is not MISSING:
                    params.append(f"{name}=_nohero_factory")
                    value = f"_nohero_factory_{name}() if {name} is _nohero_factory else {name}"
                elif spec.default is not MISSING:
                    scope[f"_nohero_default_{name}"] = spec.default
                    params.append(f"{name}=_nohero_default_{name}")
                    value = name
                else:
                    params.append(name)
                    value = name
            elif factory is not MISSING:
                value = f"_nohero_factory_{name}()"
            else:
                continue
            if self.frozen:
                body.append(f" _nohero_set(self, {name!r}, {value})")
            else:
                body.append(f" self.{name} = {value}")
        if self.post_init:
            body.append(" self.__post_init__()")
        source = f"def __init__({', '.join(params)}):\n" + ("\n".join(body) or " pass")
        exec(source, scope)  # noqa: S102 - our own text, built from field names
        function: Callable[..., None] = scope["__init__"]
        function.__qualname__ = f"{self.cls.__qualname__}.__init__"
        function.__annotations__ = {**annotations, "return": None}
        function.__module__ = self.cls.__module__
        return function


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
