-- review.md's default vague words gained 有所, 一定程度 and 较大: a database
-- still at the old default gets the new one; a list the officer changed stays.
UPDATE settings
   SET value = '有效、进一步、明显、显著、大幅、逐步、不断、持续、较好、良好、稳步、积极、切实、全面、有所、一定程度、较大'
 WHERE key = 'review_vague_words'
   AND value = '有效、进一步、明显、显著、大幅、逐步、不断、持续、较好、良好、稳步、积极、切实、全面';
