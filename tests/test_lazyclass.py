"""`@record` (nohero.lazyclass) makes a class that behaves exactly as the
dataclass `@dataclass` makes: its own methods for the usual shapes, and
dataclasses itself (later: on first use) for the rest."""

from __future__ import annotations

import copy
import dataclasses
import importlib
import inspect
import pkgutil
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

import nohero
from nohero import lazyclass, recordmethods
from nohero.lazyclass import record

Decorator = Callable[..., Any]


def shapes(deco: Decorator) -> dict[str, type]:
    """The same class bodies under `deco` (dataclass or record), each with the
    `field` that goes with it."""
    field: Any = lazyclass.field if deco is record else dataclasses.field

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

    @deco(frozen=True, slots=True)
    class Slotted:
        """Frozen with slots, as history.model.Change."""

        a: int
        b: str = "z"
        c: tuple[int, ...] | None = None

    @deco(order=True)
    class Documented:
        """Made by nohero.lazyclass itself: a docstring, no base."""

        a: int
        b: list[int] = field(default_factory=list)
        c: str = field(default="c", compare=False)
        d: int = field(default=0, repr=False)
        e: dict[str, int] = field(default_factory=dict, init=False)
        f: float = field(default=1.5, hash=False)

        def __post_init__(self) -> None:
            self.e["seen"] = self.a

    @deco(frozen=True)
    class Hashing:
        """Frozen: hashed on the compared fields, `hash=` overriding."""

        a: int
        b: str = field(default="b", compare=False, hash=True)
        c: float = field(default=0.0, hash=False)

    @deco(eq=False, repr=False, match_args=False)
    class Bare:
        """Nothing generated but `__init__`."""

        a: int

    classes = (Plain, Frozen, Ordered, ByIdentity, Child, Hidden)
    return {c.__name__: c for c in (*classes, Slotted, Documented, Hashing, Bare)}


ARGS: dict[str, tuple[Any, ...]] = {
    "Plain": (1,),
    "Frozen": (1, (2, 3)),
    "Ordered": (1, "b"),
    "ByIdentity": (1,),
    "Child": (1, [2], "y", 5),
    "Hidden": (1, "t"),
    "Slotted": (1, "y", (2,)),
    "Documented": (1, [2], "x", 3),
    "Hashing": (1, "h", 2.5),
    "Bare": (1,),
}
# Shapes nohero.lazyclass makes itself; the rest go to dataclasses on first use.
OWN = set(ARGS) - {"Child"}


def shown(one: object) -> str:
    """repr, without an address when the class makes none of its own."""
    return repr(one) if type(one).__repr__ is not object.__repr__ else type(one).__name__


def behaviour(cls: type, args: tuple[Any, ...]) -> dict[str, Any]:
    one, two = cls(*args), cls(*args)
    seen: dict[str, Any] = {
        "fields": [(f.name, f.default, f.repr, f.compare, f.init) for f in dataclasses.fields(cls)],
        "signature": str(inspect.signature(cls)),
        "doc": cls.__doc__,
        "repr": shown(one),
        "eq": one == two,
        "match_args": getattr(cls, "__match_args__", None),
        "params": repr(cls.__dataclass_params__),  # type: ignore[attr-defined]
        "hashable": cls.__hash__ is not None,
        "replace": shown(dataclasses.replace(one)),
        "asdict": dataclasses.asdict(one),
        "copy": shown(copy.deepcopy(one)),
        "pickled": repr(one.__reduce_ex__(2)[2]),  # the state pickle keeps
        "other": one == object(),
        "methods": sorted(n for n in vars(cls) if n.startswith("__") and n != "__doc__"),
        "slots": getattr(cls, "__slots__", None),
    }
    if seen["hashable"]:
        by_value = cls.__dataclass_params__.eq  # type: ignore[attr-defined]
        seen["hash"] = (hash(one) == hash(two), hash(one) if by_value else None)
    try:
        one.a = 99
        seen["frozen"] = False
    except dataclasses.FrozenInstanceError as error:
        seen["frozen"] = str(error)
    try:
        del two.a
        seen["delete"] = two.__dict__ if hasattr(two, "__dict__") else None
    except (dataclasses.FrozenInstanceError, AttributeError) as error:
        seen["delete"] = (type(error).__name__, str(error))
    if cls.__dataclass_params__.order:  # type: ignore[attr-defined]
        three = cls(args[0] + 1, *args[1:])
        seen["order"] = [(x < y, x <= y, x > y, x >= y) for x in (one, three) for y in (one, three)]
    return seen


@pytest.mark.parametrize("name", list(ARGS))
def test_a_record_behaves_as_its_dataclass(name: str) -> None:
    eager, lazy = shapes(dataclass)[name], shapes(record)[name]
    assert (lazyclass.PENDING in vars(lazy)) is (name not in OWN)
    assert behaviour(lazy, ARGS[name]) == behaviour(eager, ARGS[name])
    assert lazyclass.PENDING not in vars(lazy)
    if name in OWN:  # dataclasses made none of its methods
        made = [vars(lazy).get(n) for n in ("__repr__", "__eq__", "__setattr__", "__lt__")]
        assert all(m.__module__ == "nohero.recordmethods" for m in made if m)


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


def test_every_record_s_init_takes_its_fields() -> None:
    """`__init__` as written by nohero.lazyclass agrees with the fields
    dataclasses reads from the same class body, for every record."""
    for info in pkgutil.walk_packages(nohero.__path__, "nohero."):
        if not info.name.startswith(("nohero.plugin", "nohero.site", "nohero.cli")):
            importlib.import_module(info.name)
    for cls in lazyclass.RECORDS:
        fields = [f for f in dataclasses.fields(cls) if f.init]
        params = list(inspect.signature(cls).parameters.values())
        assert [p.name for p in params] == [f.name for f in fields], cls
        for param, f in zip(params, fields, strict=True):
            if f.default is not dataclasses.MISSING:
                assert param.default is f.default, (cls, f.name)
            elif f.default_factory is not dataclasses.MISSING:
                assert repr(param.default) == "<factory>", (cls, f.name)
            else:
                assert param.default is inspect.Parameter.empty, (cls, f.name)


def test_making_records_imports_neither_dataclasses_nor_inspect() -> None:
    """The point of nohero.lazyclass: importing the check path's modules and
    making their records loads neither module (a third of a one-file run)."""
    code = (
        "import sys\n"
        "from nohero import pipeline, findings, knowledge_base, roster, document\n"
        "f = findings.Finding('a.md', 1, 'rule', findings.Severity.ERROR, 'm')\n"
        "assert f == findings.Finding('a.md', 1, 'rule', findings.Severity.ERROR, 'm')\n"
        "assert hash(f) and repr(f) and not f < f\n"
        "print(sorted({'dataclasses', 'inspect'} & set(sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize("name", sorted(OWN))
def test_the_first_instances_are_made_as_the_compiled_init_makes_them(name: str) -> None:
    """The shared `__init__` of a record's first instances binds arguments as
    the compiled one (and dataclass's) does, and leaves what it is not sure
    of -- a missing, doubled or unknown argument -- to the compiled one."""
    eager = shapes(dataclass)[name]
    args = ARGS[name]
    params = list(inspect.signature(eager).parameters)
    calls: list[tuple[tuple[Any, ...], dict[str, Any]]] = [
        (args, {}),
        (args[:1], {}),
        ((), dict(zip(params, args, strict=False))),
        (args[:1], {params[0]: args[0]}),  # doubled
        ((*args, 1, 2, 3, 4, 5, 6), {}),  # too many
        (args, {"nope": 1}),  # unknown
        ((), {}),  # missing
    ]

    def outcome(maker: type, call: tuple[tuple[Any, ...], dict[str, Any]]) -> str:
        try:
            made = maker(*call[0], **call[1])
        except TypeError as error:
            return "TypeError: " + str(error).split("__init__() ", 1)[-1]
        return repr(made.__reduce_ex__(2)[2])  # every field as set

    shared = []
    for call in calls:  # each the first instance of a fresh class: the shared __init__
        cls = shapes(record)[name]
        assert isinstance(vars(cls)["__init__"], recordmethods.InitStandIn)
        shared.append(outcome(cls, call))
    cls = shapes(record)[name]
    for _ in range(recordmethods.GENERIC_INITS + 1):
        cls(*args)
    assert not isinstance(vars(cls)["__init__"], recordmethods.InitStandIn)  # compiled now
    assert shared == [outcome(cls, call) for call in calls]
    assert shared == [outcome(eager, call) for call in calls]
