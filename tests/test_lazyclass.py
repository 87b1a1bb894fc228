"""`@record` (nohero.lazyclass) makes exactly the dataclass `@dataclass`
makes, only later: on the first instance, method or field look-up."""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import pkgutil
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest

import nohero
from nohero import lazyclass
from nohero.lazyclass import record

Decorator = Callable[..., Any]


def shapes(deco: Decorator) -> dict[str, type]:
    """The same class bodies under `deco` (dataclass or record)."""

    @deco
    class Plain:
        a: int
        b: list[int] = field(default_factory=list)
        c: str = "x"

    @deco(frozen=True)
    class Frozen:
        """Has a docstring."""

        a: int
        b: tuple[int, ...] = ()

    @deco(frozen=True, order=True)
    class Ordered:
        a: int
        b: str

        def twice(self) -> int:
            return self.a * 2

    @deco(eq=False)
    class ByIdentity:
        a: int

    @deco
    class Child(Plain):
        d: int = 4

        def __post_init__(self) -> None:
            self.c = self.c * 2

    @deco(frozen=True)
    class Hidden:
        a: int
        secret: str = field(default="s", repr=False, compare=False)

    return {c.__name__: c for c in (Plain, Frozen, Ordered, ByIdentity, Child, Hidden)}


ARGS: dict[str, tuple[Any, ...]] = {
    "Plain": (1,),
    "Frozen": (1, (2, 3)),
    "Ordered": (1, "b"),
    "ByIdentity": (1,),
    "Child": (1, [2], "y", 5),
    "Hidden": (1, "t"),
}


def behaviour(cls: type, args: tuple[Any, ...]) -> dict[str, Any]:
    one, two = cls(*args), cls(*args)
    seen: dict[str, Any] = {
        "fields": [(f.name, f.default, f.repr, f.compare, f.init) for f in dataclasses.fields(cls)],
        "signature": str(inspect.signature(cls)),
        "doc": cls.__doc__,
        "repr": repr(one),
        "eq": one == two,
        "match_args": getattr(cls, "__match_args__", None),
        "params": repr(cls.__dataclass_params__),  # type: ignore[attr-defined]
        "hashable": cls.__hash__ is not None,
        "replace": repr(dataclasses.replace(one)),
        "asdict": dataclasses.asdict(one),
    }
    if seen["hashable"]:
        seen["hash"] = hash(one) == hash(two)
    try:
        one.a = 99
        seen["frozen"] = False
    except dataclasses.FrozenInstanceError:
        seen["frozen"] = True
    if cls.__dataclass_params__.order:  # type: ignore[attr-defined]
        seen["order"] = (one < cls(*args[:1], "c"), one >= two)
    return seen


@pytest.mark.parametrize("name", list(ARGS))
def test_a_record_behaves_as_its_dataclass(name: str) -> None:
    eager, lazy = shapes(dataclass)[name], shapes(record)[name]
    assert lazyclass.PENDING in vars(lazy)
    assert behaviour(lazy, ARGS[name]) == behaviour(eager, ARGS[name])
    assert lazyclass.PENDING not in vars(lazy)


@pytest.mark.parametrize(
    "first_use",
    [
        lambda cls: cls(1),
        lambda cls: dataclasses.fields(cls),
        lambda cls: dataclasses.is_dataclass(cls) or pytest.fail("not a dataclass"),
        lambda cls: cls.__match_args__,
        lambda cls: cls.__init__,
    ],
)
def test_any_first_use_makes_the_class(first_use: Callable[[type], Any]) -> None:
    cls = shapes(record)["Plain"]
    first_use(cls)
    assert lazyclass.PENDING not in vars(cls)
    assert repr(cls(1)) == repr(shapes(dataclass)["Plain"](1))


def test_a_subclass_made_first_makes_its_base() -> None:
    classes = shapes(record)
    child = classes["Child"](1)
    assert child.c == "xx" and dataclasses.fields(classes["Plain"])[0].name == "a"
    assert lazyclass.PENDING not in vars(classes["Plain"])


def test_two_threads_make_a_class_once() -> None:
    cls = shapes(record)["Frozen"]
    made: list[Any] = []
    threads = [threading.Thread(target=lambda: made.append(cls(1))) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(made) == 8 and len({hash(m) for m in made}) == 1
    assert [f.name for f in dataclasses.fields(cls)] == ["a", "b"]


def test_every_record_in_the_package_is_a_dataclass_once_used() -> None:
    for info in pkgutil.walk_packages(nohero.__path__, "nohero."):
        if not info.name.startswith(("nohero.plugin", "nohero.site", "nohero.cli")):
            importlib.import_module(info.name)  # mkdocs/click adapters aside
    made = [cls for cls in lazyclass.RECORDS if cls.__module__.startswith("nohero.")]
    assert made, "no @record class found in the package"
    for cls in made:
        assert dataclasses.is_dataclass(cls), cls
        assert lazyclass.PENDING not in vars(cls), cls
