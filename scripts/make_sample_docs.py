#!/usr/bin/env python3
"""Writes the sample corpus's PDF and DOCX documents (examples/corpus/kk/*.pdf,
examples/corpus/ru/*.docx). Run once by hand; the outputs are committed.

Needs `fpdf2` and `python-docx` (PyPI) and the DejaVu fonts (Debian
`fonts-dejavu-core`). Dates inside the files are fixed so reruns give the
same text.
"""
import datetime
import pathlib
import sys

from fpdf import FPDF
import docx

ROOT = pathlib.Path(__file__).resolve().parent.parent / "examples" / "corpus"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

KK_TITLE = "Қазақстан мен Өзбекстан саудасы: 2024 жыл және 2025 жылдың тоғыз айы"
KK_HEAD = "Сауда шолуы · Қазақстан – Өзбекстан · 2025"
KK_BODY = [
    "Шолу екі елдің ресми статистикасы мен іскерлік баспасөздегі мәліметтер бойынша "
    "дайындалды. Онда өзара сауданың соңғы екі жылдағы серпіні қысқаша сипатталады.",
    "Қазақстан мен Өзбекстанның 2024 жылғы өзара тауар айналымы 4,0 млрд долларды "
    "құрады, бұл 2023 жылғы 4,4 млрд доллардан 9,1% кем. Қазақстанның Өзбекстанға "
    "экспорты 2,9 млрд доллар, импорты 1,1 млрд доллар болды.",
    "Төмендеудің басты себебі – астық пен металл бағасының арзандауы. Физикалық "
    "көлем айтарлықтай азайған жоқ: темір жолмен екі ел арасында 22 млн тонна жүк "
    "тасымалданды.",
    "2025 жылдың қаңтар–қыркүйек айларында тауар айналымы 3,39 млрд долларға жетіп, "
    "18,2% өсті. Осы кезеңде Қазақстан экспорты 2,5 млрд долларды, импорты 890 млн "
    "долларды құрады.",
    "Өзбек тарапы Ўзбекистон статистика агентлиги деректеріне сүйенеді; оның "
    "есебінде 2024 жылғы айналым 3,8 млрд доллар деп көрсетілген.",
    "Екі үкімет 2030 жылға қарай өзара тауар айналымын 10 млрд долларға жеткізуді "
    "көздейді. «Орталық Азия» халықаралық өнеркәсіптік кооперация орталығының "
    "құрылысы осы мақсатқа қызмет етеді.",
    "Біріккен жобалар портфелі 78 жобадан тұрады, олардың жалпы құны 1,7 млрд доллар. "
    "Өзбекстанда қазақстандық капиталы бар 2 400 кәсіпорын жұмыс істейді.",
]


def make_pdf(path: pathlib.Path) -> None:
    class Report(FPDF):
        def header(self):
            self.set_font("dejavu", size=8)
            self.cell(0, 6, KK_HEAD, align="C", new_x="LMARGIN", new_y="NEXT")
            self.ln(4)

        def footer(self):
            self.set_y(-15)
            self.set_font("dejavu", size=8)
            self.cell(0, 10, str(self.page_no()), align="C")

    pdf = Report(format=(105, 148))
    pdf.add_font("dejavu", fname=FONT)
    pdf.set_title(KK_TITLE)
    pdf.set_author("Tandem sample corpus")
    pdf.set_creation_date(datetime.datetime(2025, 11, 24, 9, 0, tzinfo=datetime.timezone.utc))
    pdf.add_page()
    pdf.set_font("dejavu", size=13)
    pdf.multi_cell(0, 7, KK_TITLE, align="L")
    pdf.ln(3)
    pdf.set_font("dejavu", size=10.5)
    for para in KK_BODY:
        pdf.multi_cell(0, 5.5, para, align="L")
        pdf.ln(3)
    pdf.output(str(path))


RU_TITLE = "Торговля Казахстана и Узбекистана: итоги 2024 года"
RU_PARAS = [
    "Справка подготовлена для примера документа в формате DOCX.",
    "По данным статистики Казахстана, взаимный товарооборот в 2024 году составил "
    "4,0 млрд долларов США, что на 9,1% меньше, чем годом ранее.",
    "Экспорт Казахстана в Узбекистан достиг 2,9 млрд долларов, импорт из Узбекистана "
    "составил 1,1 млрд долларов.",
    "Ниже приведены итоги по годам.",
]
RU_TABLE = [
    ["Год", "Товарооборот, млрд долл.", "Экспорт, млрд долл.", "Импорт, млрд долл."],
    ["2022", "4,6", "3,3", "1,3"],
    ["2023", "4,4", "3,2", "1,2"],
    ["2024", "4,0", "2,9", "1,1"],
]
RU_AFTER = (
    "Стороны подтвердили цель довести товарооборот до 10 млрд долларов к 2030 году."
)


def make_docx(path: pathlib.Path) -> None:
    d = docx.Document()
    d.core_properties.title = RU_TITLE
    d.core_properties.author = "Tandem sample corpus"
    d.core_properties.created = datetime.datetime(2025, 3, 4, 10, 0)
    d.core_properties.modified = datetime.datetime(2025, 3, 4, 10, 0)
    d.add_heading(RU_TITLE, level=1)
    for p in RU_PARAS:
        d.add_paragraph(p)
    t = d.add_table(rows=len(RU_TABLE), cols=len(RU_TABLE[0]))
    for i, row in enumerate(RU_TABLE):
        for j, cell in enumerate(row):
            t.cell(i, j).text = cell
    d.add_paragraph(RU_AFTER)
    d.save(str(path))


if __name__ == "__main__":
    make_pdf(ROOT / "kk" / "2025-11-24_sauda-sholuy.pdf")
    make_docx(ROOT / "ru" / "2025-03-04_spravka-tovarooborot.docx")
    sys.exit(0)
