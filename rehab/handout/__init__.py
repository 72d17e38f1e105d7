"""The PDF handout renderer (ReportLab). The domain never imports it; Textual never loads here."""
