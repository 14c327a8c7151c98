//! Reporting periods as measures files write them: years, fiscal years, quarters and
//! months, mapped to fiscal years and quarters by the fiscal year's first month.
