def test_covers_glob_with_a_run_of_double_stars_does_not_hang() -> None:
    """Was exponential backtracking (12 `**/`: minutes per path); #15 matches
    in linear time. No timing here: the old code simply never finishes."""
    from nohero.globs import glob_match

    pattern = "**/" * 12 + "x.py"
    assert not glob_match("a/" * 30 + "y.py", pattern)
    assert glob_match("a/b/x.py", pattern)
