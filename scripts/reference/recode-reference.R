#!/usr/bin/env Rscript
# Reference values for Safe Extract's ports of sdcMicro::globalRecode and
# sdcMicro::topBotCoding.  Base R only (sdcMicro is not installed): the two
# worker functions below re-state the semantics of sdcMicro's own workers.
#
# Source read: github.com/sdcTools/sdcMicro @ cf3251017482bb215f0a9abf4a930f502399fb72
#   R/globalRecode.R  (last changed in 9c9179fd0176d8ec263fc8108aff24d7e295592d)
#   R/topBotCoding.R
#
# Usage (from /work/main):
#   Rscript scripts/reference/recode-reference.R \
#     [/work/shared/data/sdcmicro/testdata.csv] [tests/fixtures/sdcmicro-recode.json]

args <- commandArgs(trailingOnly = TRUE)
data_path <- if (length(args) >= 1) args[[1]] else "/work/shared/data/sdcmicro/testdata.csv"
out_path <- if (length(args) >= 2) args[[2]] else "tests/fixtures/sdcmicro-recode.json"

SDC_COMMIT <- "cf3251017482bb215f0a9abf4a930f502399fb72"
SDC_DIG_LAB <- 8L  # globalRecode.R lines 142, 144, 147: every cut() call passes dig.lab=8

# ---------------------------------------------------------------------------
# Same code path as sdcMicro's globalRecodeWORK (R/globalRecode.R 103-150).
# sdcMicro does NOT forward right= / include.lowest= for explicit breaks; the
# `right` argument here exists only for the extra base-R left-closed case,
# which sdcMicro cannot produce.
# ---------------------------------------------------------------------------
global_recode_ref <- function(x, breaks, labels = NULL, method = "equidistant",
                              right = TRUE) {
  equidistant <- function(x, b) {                       # lines 105-113
    b1 <- seq(min(x, na.rm = TRUE) - 1, max(x, na.rm = TRUE) + 1, length.out = b + 1)
    rb <- round(b1)
    if (!any(duplicated(rb))) return(rb)
    b1
  }
  logEqui <- function(x, b) {                           # lines 115-125
    b1 <- log(x)
    b1 <- seq(min(b1, na.rm = TRUE) - 1, max(b1, na.rm = TRUE) + 1, length.out = b + 1)
    b1 <- exp(b1)
    rb <- round(b1)
    if (!any(duplicated(rb))) return(rb)
    b1
  }
  equalAmount <- function(x, b) {                       # lines 127-134
    SEQ <- c(0, ((1:b) / b))
    b1 <- stats::quantile(na.omit(x), SEQ)
    if (any(duplicated(b1))) b1 <- jitter(b1)           # random! not reproducible
    b1
  }
  stopifnot(method %in% c("equidistant", "logEqui", "equalAmount"))  # line 136
  if (length(breaks) == 1) {                            # lines 138-145
    breaks <- round(breaks)
    stopifnot(breaks >= 1)
    if (breaks == 1) {
      used <- c(min(x) - 1, max(x) + 1)                 # note: no na.rm here
      gr <- cut(x, breaks = used, labels = labels, dig.lab = SDC_DIG_LAB)
      inc <- FALSE
    } else {
      used <- switch(method,
                     equidistant = equidistant(x, breaks),
                     logEqui = logEqui(x, breaks),
                     equalAmount = equalAmount(x, breaks))
      gr <- cut(x, breaks = used, labels = labels, dig.lab = SDC_DIG_LAB,
                include.lowest = TRUE)
      inc <- TRUE
    }
  } else {                                              # line 147
    used <- breaks
    if (isTRUE(right)) {
      gr <- cut(x, breaks = breaks, labels = labels, dig.lab = SDC_DIG_LAB)
    } else {
      gr <- cut(x, breaks = breaks, labels = labels, dig.lab = SDC_DIG_LAB, right = FALSE)
    }
    inc <- FALSE
  }
  list(result = gr, breaksUsed = unname(used), includeLowest = inc)
}

# Same as sdcMicro's topBotCodingWORK (R/topBotCoding.R 105-112).
top_bot_coding_ref <- function(x, value, replacement, kind = "top") {
  if (kind == "top") {
    x[x > value] <- replacement
  } else {
    x[x < value] <- replacement
  }
  x
}

# ---------------------------------------------------------------------------
# Minimal JSON writer (base R only)
# ---------------------------------------------------------------------------
json_str <- function(s) {
  ifelse(is.na(s), "null", {
    s <- gsub("\\\\", "\\\\\\\\", s)
    s <- gsub("\"", "\\\\\"", s)
    s <- gsub("\n", "\\\\n", s)
    paste0("\"", s, "\"")
  })
}
# shortest of %.15g/%.16g/%.17g that round-trips to the identical double
json_num1 <- function(v) {
  if (is.na(v)) return("null")
  if (!is.finite(v)) stop("non-finite number cannot be written to JSON")
  for (p in 15:17) {
    s <- sprintf(paste0("%.", p, "g"), v)
    if (as.numeric(s) == v) break
  }
  s
}
json_num <- function(v) vapply(as.numeric(v), json_num1, "")
to_json <- function(x, indent = 0) {
  pad <- strrep("  ", indent)
  pad1 <- strrep("  ", indent + 1)
  if (is.null(x)) return("null")
  if (inherits(x, "json_array") || (is.list(x) && is.null(names(x)))) {
    x <- unclass(x)
    if (length(x) == 0) return("[]")
    items <- vapply(x, to_json, "", indent = indent + 1)
    return(paste0("[\n", paste0(pad1, items, collapse = ",\n"), "\n", pad, "]"))
  }
  if (is.list(x)) {
    if (length(x) == 0) return("{}")
    items <- vapply(seq_along(x), function(i)
      paste0(pad1, json_str(names(x)[i]), ": ", to_json(x[[i]], indent + 1)), "")
    return(paste0("{\n", paste0(items, collapse = ",\n"), "\n", pad, "}"))
  }
  scalar <- inherits(x, "json_scalar")
  x <- unclass(x)
  vals <- if (is.logical(x)) ifelse(is.na(x), "null", ifelse(x, "true", "false"))
          else if (is.numeric(x)) json_num(x)
          else json_str(as.character(x))
  if (scalar && length(vals) == 1) return(vals)
  # flat arrays on one line, wrapped every 20 items
  if (length(vals) == 0) return("[]")
  chunks <- split(vals, ceiling(seq_along(vals) / 20))
  lines <- vapply(chunks, paste, "", collapse = ", ")
  if (length(lines) == 1) return(paste0("[", lines, "]"))
  paste0("[\n", paste0(pad1, lines, collapse = ",\n"), "\n", pad, "]")
}
S <- function(x) structure(x, class = "json_scalar")   # force scalar
A <- function(x) structure(as.list(x), class = "json_array")

# ---------------------------------------------------------------------------
d <- read.csv(data_path)
stopifnot(nrow(d) == 4580)

recode_case <- function(id, column, breaks, labels = NULL, method = "equidistant",
                        right = TRUE, sdcSupported = TRUE, comment = NULL) {
  x <- d[[column]]
  r <- global_recode_ref(x, breaks, labels = labels, method = method, right = right)
  g <- r$result
  is_factor <- is.factor(g)
  per_record <- if (is_factor) as.character(g) else g   # labels=FALSE -> integer codes
  lv <- if (is_factor) levels(g) else NULL
  tab <- table(g, useNA = "no")   # all levels, in level order, including empty ones
  counts <- lapply(setNames(as.integer(tab), names(tab)), S)
  call_txt <- if (length(breaks) == 1) {
    if (round(breaks) == 1) "cut(x, breaks=c(min(x)-1, max(x)+1), labels=labels, dig.lab=8)"
    else sprintf("cut(x, breaks=%s(x), labels=labels, dig.lab=8, include.lowest=TRUE)", method)
  } else if (right) "cut(x, breaks=breaks, labels=labels, dig.lab=8)"
  else "cut(x, breaks=breaks, labels=labels, dig.lab=8, right=FALSE)  # base R only"
  out <- list(
    id = S(id),
    function_ = S("globalRecode"),
    sdcMicroSupported = S(sdcSupported),
    column = S(column),
    breaksArgument = S(breaks),
    method = S(method),
    labelsArgument = if (is.null(labels)) NULL else if (identical(labels, FALSE)) S(FALSE) else labels,
    cutCall = S(call_txt),
    cutArgs = list(right = S(right), includeLowest = S(r$includeLowest), digLab = S(SDC_DIG_LAB)),
    breaksUsed = r$breaksUsed,
    resultIsFactor = S(is_factor),
    levels = lv,
    countsPerLevel = counts,
    naCount = S(sum(is.na(g))),
    naCountInInput = S(sum(is.na(x))),
    n = S(length(g)),
    perRecord = per_record
  )
  names(out)[names(out) == "function_"] <- "function"
  if (!is.null(comment)) out$comment <- S(comment)
  out
}

recode_cases <- list(
  recode_case("age_default", "age", c(0, 20, 40, 60, 80, 120),
              comment = "right-closed, include.lowest=FALSE: the 98 records with age==0 fall outside (0,20] and become NA"),
  recode_case("income_default", "income", c(0, 1000, 10000, 50000, 1e6, 1e7),
              comment = "dig.lab=8 prints 1e6/1e7 in full; incomes > 1e7 (max is 1e8) become NA"),
  recode_case("expend_decimal_breaks", "expend", c(-1, 0.5, 1234.567, 1e9),
              comment = "1e9 needs 10 digits > dig.lab=8 so formatC %g gives '1e+09'; 1234.567 keeps all decimals"),
  recode_case("age_labels_given", "age", c(0, 20, 40, 60, 80, 120),
              labels = c("0-20", "21-40", "41-60", "61-80", "81+"),
              comment = "user labels replace the interval labels one-to-one; NA still NA"),
  recode_case("age_labels_false", "age", c(0, 20, 40, 60, 80, 120), labels = FALSE,
              comment = "labels=FALSE: integer interval codes (1..k), not a factor"),
  recode_case("age_right_false_baseR", "age", c(0, 20, 40, 60, 80, 120), right = FALSE,
              sdcSupported = FALSE,
              comment = paste("NOT reachable through sdcMicro: globalRecodeWORK(x, breaks, labels, method)",
                              "has no '...' so globalRecode(..., right=FALSE) errors with 'unused argument'.",
                              "Plain base-R cut(right=FALSE, dig.lab=8) for comparison only.")),
  recode_case("age_nbreaks5_equidistant", "age", 5, method = "equidistant",
              comment = "breaks=5: seq(min-1, max+1, length.out=6), rounded when rounding creates no duplicates; include.lowest=TRUE"),
  recode_case("income_nbreaks4_logEqui", "income", 4, method = "logEqui",
              comment = "breaks=4: exp(seq(min(log x)-1, max(log x)+1, length.out=5)), rounded if no duplicates; include.lowest=TRUE"),
  recode_case("age_nbreaks4_equalAmount", "age", 4, method = "equalAmount",
              comment = "breaks=4: quantile(na.omit(x), c(0, 1:4/4)) (type 7); no duplicated quantiles here so no jitter; include.lowest=TRUE"),
  recode_case("age_nbreaks1", "age", 1,
              comment = "breaks=1: cut(x, c(min(x)-1, max(x)+1)) without na.rm and without include.lowest")
)

tb_case <- function(id, column, value, replacement, kind, comment = NULL) {
  x <- d[[column]]
  y <- top_bot_coding_ref(x, value, replacement, kind)
  changed <- !is.na(x) & (x != y)
  affected <- if (kind == "top") sum(x > value, na.rm = TRUE) else sum(x < value, na.rm = TRUE)
  out <- list(
    id = S(id),
    `function` = S("topBotCoding"),
    column = S(column),
    value = S(value),
    replacement = S(replacement),
    kind = S(kind),
    comparison = S(if (kind == "top") "x > value (strict)" else "x < value (strict)"),
    matchedCount = S(affected),
    changedCount = S(sum(changed)),
    equalToValueCount = S(sum(x == value, na.rm = TRUE)),
    naCount = S(sum(is.na(y))),
    n = S(length(y)),
    inputRange = range(x, na.rm = TRUE),
    outputRange = range(y, na.rm = TRUE),
    perRecord = y
  )
  if (!is.null(comment)) out$comment <- S(comment)
  out
}

tb_cases <- list(
  tb_case("income_top_100000", "income", 100000, 100000, "top",
          comment = "values > 100000 set to 100000; values equal to 100000 are untouched (and unchanged anyway)"),
  tb_case("income_bottom_100", "income", 100, 0, "bottom",
          comment = "min income is 2897.484 so nothing is below 100: 0 changes"),
  tb_case("age_top_80_repl_80", "age", 80, 80, "top",
          comment = "sdcMicro has NO default for 'replacement' (or 'value'); only kind='top' is defaulted. Replacement 80 chosen here."),
  tb_case("age_top_80_repl_81", "age", 80, 81, "top",
          comment = "the sdcMicro roxygen example: topBotCoding(testdata, value=80, replacement=81, kind='top', column='age')"),
  tb_case("age_bottom_1_repl_1", "age", 1, 1, "bottom",
          comment = "strict <: age==1 stays, age==0 becomes 1")
)

# Small synthetic vector showing NA / boundary handling of both functions.
na_x <- c(NA, 0, 5, 20, 21, 200, -3)
na_gr <- global_recode_ref(na_x, c(0, 20, 40))$result
na_behaviour <- list(
  input = na_x,
  globalRecode = list(
    breaks = c(0, 20, 40),
    perRecord = as.character(na_gr),
    levels = levels(na_gr),
    comment = S("NA -> NA; 0 (== lowest break, include.lowest=FALSE) -> NA; 20 -> (0,20]; 200 and -3 (outside) -> NA")
  ),
  globalRecodeNBreaks1WithNA = local({
    r <- tryCatch(global_recode_ref(na_x, 1)$result, error = function(e) e)
    if (inherits(r, "error")) list(error = S(conditionMessage(r))) else
      list(perRecord = as.character(r), levels = levels(r),
           comment = S(paste("sdcMicro line 142 uses min(x)/max(x) without na.rm: with any NA the breaks are",
                             "c(NA, NA); R 4.2 cut() does not error, every record becomes NA and the single level is '(,]'")))
  }),
  topBotCodingTop20 = list(value = S(20), replacement = S(20), kind = S("top"),
                           perRecord = top_bot_coding_ref(na_x, 20, 20, "top")),
  topBotCodingBottom0 = list(value = S(0), replacement = S(0), kind = S("bottom"),
                             perRecord = top_bot_coding_ref(na_x, 0, 0, "bottom"))
)

# ---------------------------------------------------------------------------
fmt_levels <- function(b, dig.lab) levels(cut(numeric(0), breaks = b, dig.lab = dig.lab))
lf_breaks <- list(c(0, 0.1, 0.25), c(1e5, 2.5e5, 1e6), c(-5, 0, 5),
                  c(0, 1000, 10000, 50000, 1e6, 1e7), c(-1, 0.5, 1234.567, 1e9),
                  c(0, 1e8), c(0, 123456789), c(0.000012345, 1), c(1, 1.000000001, 2))
label_formatting <- lapply(lf_breaks, function(b) list(
  breaks = b,
  digLab8 = fmt_levels(b, 8),
  digLab8RightFalse = levels(cut(numeric(0), breaks = b, dig.lab = 8, right = FALSE)),
  digLab8IncludeLowest = levels(cut(numeric(0), breaks = b, dig.lab = 8, include.lowest = TRUE)),
  digLab3RDefault = fmt_levels(b, 3)
))

note <- list(
  rVersion = S(R.version.string),
  sdcMicroRepository = S("https://github.com/sdcTools/sdcMicro"),
  sdcMicroCommit = S(SDC_COMMIT),
  sourceFiles = c("R/globalRecode.R", "R/topBotCoding.R"),
  data = S(data_path),
  semantics = A(c(
    "R/globalRecode.R 69-101: globalRecode() dispatches on obj; data.frame method (86-96) requires exactly one 'column'; numeric method (98-101) calls globalRecodeWORK; factors have no method (error).",
    "R/globalRecode.R 103: globalRecodeWORK(x, breaks, labels=NULL, method='equidistant') - no '...', so right=/include.lowest= cannot be passed.",
    "R/globalRecode.R 147: length(breaks)>1 -> cut(x, breaks=breaks, labels=labels, dig.lab=8); cut defaults apply: right=TRUE, include.lowest=FALSE, ordered_result=FALSE. Values outside (b1,bk] - including x==b1 - become NA; NA stays NA; result is an unordered factor (or integer codes if labels=FALSE).",
    "R/globalRecode.R 138-140: length(breaks)==1 -> breaks <- round(breaks); stopifnot(breaks>=1).",
    "R/globalRecode.R 141-142: breaks==1 -> cut(x, c(min(x)-1, max(x)+1), labels, dig.lab=8) (min/max without na.rm).",
    "R/globalRecode.R 144: breaks>=2 -> cut(x, breaks=get(method)(x), labels, dig.lab=8, include.lowest=TRUE).",
    "R/globalRecode.R 105-113 equidistant: seq(min-1, max+1, length.out=b+1) with na.rm; returned rounded unless rounding creates duplicates.",
    "R/globalRecode.R 115-125 logEqui: exp(seq(min(log x)-1, max(log x)+1, length.out=b+1)); same rounding rule.",
    "R/globalRecode.R 127-134 equalAmount: stats::quantile(na.omit(x), c(0,(1:b)/b)) (type 7); if any duplicated -> jitter() (random).",
    "R/globalRecode.R 136: method must be one of equidistant, logEqui, equalAmount (there is no equalFreq/equalAMean).",
    "R/topBotCoding.R 40: topBotCoding(obj, value, replacement, kind='top', column=NULL) - value and replacement have no defaults.",
    "R/topBotCoding.R 55-57, 88-90: exactly one column; 92-94: data.frame column must be numeric.",
    "R/topBotCoding.R 105-112 topBotCodingWORK: kind=='top' -> x[x > value] <- replacement; any other kind -> x[x < value] <- replacement (strict). NA comparisons give NA indices, which are skipped for a length-1 replacement, so NA stays NA.",
    "Label construction (base R cut.default): for dig in dig.lab:max(12,dig.lab) formatC(0+breaks, digits=dig, width=1) until all formatted breaks are distinct; label = '(' a ',' b ']' (right=TRUE) or '[' a ',' b ')' (right=FALSE); include.lowest turns the first '(' into '[' (or, with right=FALSE, the last ')' into ']')."
  ))
)

out <- list(
  note = note,
  globalRecode = recode_cases,
  topBotCoding = tb_cases,
  naBehaviour = na_behaviour,
  labelFormatting = label_formatting
)

dir.create(dirname(out_path), recursive = TRUE, showWarnings = FALSE)
writeLines(to_json(out), out_path)
cat("wrote", out_path, "\n")
