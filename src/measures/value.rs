//! Values as measures files write them: numbers with separators, percent and currency
//! signs, parentheses for negatives, and the markers that mean "no value".
