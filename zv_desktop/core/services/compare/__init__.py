"""The comparison of agreements across years, by topic.

* ``comparison``: agreements side by side, goals matched into chains, the user's corrections of the matching;
* ``goal_matching``: the rules that pair a goal of one year with a goal of the next;
* ``field_changes``: what changed in a goal, in German, with word diffs of changed wording;
* ``change_list``: the list „Änderungen gegenüber dem Vorjahr“, clause by clause;
* ``selection``: which agreements to compare (Träger, chains of previous years, a first choice).
"""
