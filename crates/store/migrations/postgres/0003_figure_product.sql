-- Tandem store, version 3, for PostgreSQL (twin of
-- ../sqlite/0003_figure_product.sql): the HS chapter a figure is about.
ALTER TABLE figures ADD COLUMN product TEXT;
