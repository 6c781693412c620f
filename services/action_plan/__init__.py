"""The Action plan tab: objectives (SMARTIE), scheduled actions and the Gantt layout, school
breaks, PDSA cycles, the communication plan, and the calendar and spreadsheet exports.
"""
