"""PDFs and spreadsheets: ballots, badges, tally sheets, the Excel template and exports."""
