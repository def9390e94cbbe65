//! Stage 3: pure functions over the model: periods, attendance, scores, flags. (Being built.)
