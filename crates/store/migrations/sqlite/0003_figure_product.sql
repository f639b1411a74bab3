-- Tandem store, version 3: figures say which goods they are about.
-- `product` is the two-digit chapter of the Harmonized System ("10"
-- cereals, "27" mineral fuels and electricity, "25" cement…), NULL when a
-- figure covers all goods or is not about goods. Figures stored before
-- this version get NULL.

ALTER TABLE figures ADD COLUMN product TEXT;
-- (`measure` may now also be `change_abs`: an absolute change against an
-- earlier period, in the figure's own unit; never a level.)
