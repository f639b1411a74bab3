-- What signed documents are about, as the text writes it ("сотрудничестве
-- в области энергетики", "trade"; several subjects joined by "; "), NULL
-- when the text does not say. Agreements stored before it keep NULL.
-- (Version 9 is another branch's.)
ALTER TABLE agreements ADD COLUMN subject TEXT;
