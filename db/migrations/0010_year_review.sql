-- Version 10: the review of year references in next year's draft (issue 16).
-- "Folgejahr anlegen" copies texts that may still name the old year („Kommunale Ziele 2022“, „Herbst 2013“).
-- Such a draft is under review: year_review holds JSON ({"confirmed": {key: checksum}}) of the places the user
-- confirmed as correct; a confirmation lapses when the text of its place changes. '' means: not under review
-- (agreements written by hand). Drafts of earlier versions that continue a previous year's agreement are put
-- under review, so their old years are checked before signing too.

ALTER TABLE agreements ADD COLUMN year_review TEXT NOT NULL DEFAULT '';
UPDATE agreements SET year_review = '{"confirmed": {}}'
    WHERE previous_id IS NOT NULL AND deleted = 0 AND status IN ('entwurf', 'verhandelt');
