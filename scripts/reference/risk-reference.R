#!/usr/bin/env Rscript
# Reference values from the real sdcMicro package on a data set of its own (not one of
# ../shared/data): fk, Fk, individual risk, household risk, l-diversity, SUDA2 and DIS scores
# per record, and the global figures, for tests/unit/risk/sdcmicro-new-data.test.ts.
#
# sdcMicro used: sdcTools/sdcMicro @ cf3251017482bb215f0a9abf4a930f502399fb72 (2026-04-22),
# whose DESCRIPTION says Version 5.8.1 but which already holds the 5.8.2 entry of NEWS
# (merge bd52b42, "fix-ldiv-nas", sdcMicro issue #363): ldiversity() groups records with
# a missing key value by that missing value (a category of its own) instead of making each
# such record a group alone; measure_risk/freqCalc/indivRisk/suda2 are as in 5.8.1.
# Installed under R 4.2.2 (Debian 12 r-base-core) with R CMD INSTALL --no-docs --no-multiarch,
# after one edit of the local copy: prettydoc (not packaged by Debian) dropped from Imports in
# DESCRIPTION and `importFrom(prettydoc,html_pretty)` dropped from NAMESPACE. prettydoc is used
# only by the HTML report template (inst/templates/report-template.rmd); no R or C++ code
# was changed. Every other Import came from Debian's r-cran-* packages.
#
# Usage (from the project root; writes the three files below, the same bytes on every run):
#   mkdir -p /tmp/sdcMicro-src
#   git --git-dir=/work/.mirror/sdcTools+sdcMicro/repo archive HEAD | tar -x -C /tmp/sdcMicro-src
#   sed -i '/^    prettydoc,$/d' /tmp/sdcMicro-src/DESCRIPTION
#   sed -i '/^importFrom(prettydoc,html_pretty)$/d' /tmp/sdcMicro-src/NAMESPACE
#   R CMD INSTALL --no-docs --no-multiarch /tmp/sdcMicro-src
#   Rscript scripts/reference/risk-reference.R
#   npx prettier --write tests/fixtures/risk-reference-global.json
#
# Output:
#   tests/fixtures/risk-reference-data.csv        the data set (write.csv, NA = empty cell)
#   tests/fixtures/risk-reference-per-record.csv  per record (row = 1-based row of the data set)
#   tests/fixtures/risk-reference-global.json     global figures, versions and the calls
#
# The data set: 3,000 records in households of 1-6 consecutive records (hh = 1, 2, ...);
# weight drawn per household, uniform on [20, 500], 3 decimals; five categorical keys with
# skewed frequencies and rare categories: region (numeric codes, drawn per household), sex,
# agegroup, education, occupation (text labels); each key cell missing with probability 0.03
# and one record (row 1500) with all five keys missing; sens, the sensitive variable (health),
# depends on agegroup and is constant ("good") for agegroup a00_14 with education none or
# primary; 15 of its cells are missing. Everything below is computed on the file as read back,
# so that the references are of exactly the bytes in the CSV.
suppressMessages(library(sdcMicro))
suppressMessages(library(jsonlite))

out_dir <- "tests/fixtures"
data_csv <- file.path(out_dir, "risk-reference-data.csv")
per_record_csv <- file.path(out_dir, "risk-reference-per-record.csv")
global_json <- file.path(out_dir, "risk-reference-global.json")

RNGkind("Mersenne-Twister", "Inversion", "Rejection")
set.seed(20260501)
n <- 3000

# Households of 1-6 consecutive records; the last one is cut to end at n.
sizes <- integer(0)
while (sum(sizes) < n) sizes <- c(sizes, sample(1:6, 1, prob = c(0.22, 0.27, 0.19, 0.17, 0.10, 0.05)))
sizes[length(sizes)] <- sizes[length(sizes)] - (sum(sizes) - n)
nh <- length(sizes)
hh <- rep(seq_len(nh), sizes)
weight <- rep(round(runif(nh, 20, 500), 3), sizes)
region <- rep(sample(c(11, 12, 13, 21, 22, 31, 41, 99), nh, TRUE, prob = c(0.30, 0.20, 0.15, 0.12, 0.10, 0.08, 0.04, 0.01)), sizes)

draw <- function(levels, prob) sample(levels, n, TRUE, prob = prob)
sex <- draw(c("female", "male"), c(0.52, 0.48))
agegroup <- draw(c("a00_14", "a15_29", "a30_44", "a45_59", "a60_74", "a75_89", "a90plus"), c(0.18, 0.22, 0.21, 0.18, 0.13, 0.07, 0.01))
education <- draw(c("none", "primary", "secondary", "tertiary", "doctorate"), c(0.08, 0.30, 0.38, 0.22, 0.02))
occupation <- draw(
  c("agriculture", "armed", "clerical", "craft", "elementary", "manager", "operator", "professional", "service", "technician"),
  c(0.10, 0.005, 0.12, 0.14, 0.18, 0.04, 0.08, 0.11, 0.195, 0.03)
)
health <- c("good", "fair", "poor", "chronic", "severe")
sens <- character(n)
for (i in seq_len(n)) {
  p <- switch(agegroup[i],
    a00_14 = c(0.80, 0.15, 0.04, 0.01, 0.00),
    a15_29 = c(0.65, 0.25, 0.06, 0.03, 0.01),
    a30_44 = c(0.50, 0.30, 0.10, 0.08, 0.02),
    a45_59 = c(0.35, 0.30, 0.15, 0.15, 0.05),
    a60_74 = c(0.20, 0.30, 0.20, 0.22, 0.08),
    c(0.10, 0.25, 0.25, 0.25, 0.15)
  )
  sens[i] <- sample(health, 1, prob = p)
}
sens[agegroup == "a00_14" & education %in% c("none", "primary")] <- "good"

dat <- data.frame(hh, weight, region, sex, agegroup, education, occupation, sens, stringsAsFactors = FALSE)
keys <- c("region", "sex", "agegroup", "education", "occupation")
for (k in keys) dat[[k]][runif(n) < 0.03] <- NA
dat[1500, keys] <- NA
dat$sens[sample(n, 15)] <- NA
write.csv(dat, data_csv, row.names = FALSE, na = "")

# What the tests read: the CSV itself (text keys become factors with levels in sorted order).
dat <- read.csv(data_csv, na.strings = "", stringsAsFactors = TRUE)
stopifnot(nrow(dat) == n, is.numeric(dat$region), all(sapply(dat[, keys[-1]], is.factor)))

calls <- c(
  "dat <- read.csv('tests/fixtures/risk-reference-data.csv', na.strings = '', stringsAsFactors = TRUE)",
  "sdc <- createSdcObj(dat, keyVars = c('region', 'sex', 'agegroup', 'education', 'occupation'), weightVar = 'weight', hhId = 'hh')",
  "fc <- freqCalc(dat, keyVars = c('region', 'sex', 'agegroup', 'education', 'occupation'), w = 'weight')",
  "sdc <- ldiversity(sdc, ldiv_index = 'sens', l_recurs_c = 2)",
  "su <- suda2(dat, variables = c('region', 'sex', 'agegroup', 'education', 'occupation'))"
)
for (cl in calls) eval(parse(text = cl))

ind <- sdc@risk$individual
# freqCalc on its own gives the same fk and Fk as the sdcMicroObj.
stopifnot(identical(as.numeric(ind[, "fk"]), as.numeric(fc$fk)), isTRUE(all.equal(as.numeric(ind[, "Fk"]), as.numeric(fc$Fk), tolerance = 1e-14)))
ld <- sdc@risk$ldiversity
per <- data.frame(
  row = seq_len(n),
  fk = ind[, "fk"],
  Fk = ind[, "Fk"],
  risk = ind[, "risk"],
  hier_risk = ind[, "hier_risk"],
  sens_Distinct_Ldiversity = ld[, "sens_Distinct_Ldiversity"],
  sens_Entropy_Ldiversity = ld[, "sens_Entropy_Ldiversity"],
  sens_Recursive_Ldiversity = ld[, "sens_Recursive_Ldiversity"],
  suda_score = su$score,
  dis_score = su$disScore
)
write.csv(per, per_record_csv, row.names = FALSE, na = "")

g <- sdc@risk$global
SEQ <- seq(0, 0.7, 0.1) + .Machine$double.eps
disTab <- as.numeric(table(cut(su$disScore, breaks = c(-1, SEQ, Inf))))
distinct <- ld[, "sens_Distinct_Ldiversity"]
anyKeyMissing <- rowSums(is.na(dat[, keys])) > 0
out <- list(
  R = R.version.string,
  sdcMicro = as.character(packageVersion("sdcMicro")),
  sdcMicro_commit = "cf3251017482bb215f0a9abf4a930f502399fb72",
  sdcMicro_local_edits = "DESCRIPTION: prettydoc dropped from Imports; NAMESPACE: importFrom(prettydoc,html_pretty) dropped",
  data.table = as.character(packageVersion("data.table")),
  call = calls,
  seed = 20260501,
  n = n,
  households = nh,
  keyVars = keys,
  records_with_missing_key = sum(anyKeyMissing),
  missing_key_cells = sum(is.na(dat[, keys])),
  missing_sens_cells = sum(is.na(dat$sens)),
  n_keys_combinations = nrow(unique(dat[, keys])),
  global_risk = g$risk,
  global_risk_ER = g$risk_ER,
  global_risk_pct = g$risk_pct,
  global_threshold = g$threshold,
  max_global_risk = g$max_risk,
  max_risk = max(ind[, "risk"]),
  n_risk_gt_0.05 = sum(ind[, "risk"] > 0.05),
  hier_risk = g$hier_risk,
  hier_risk_ER = g$hier_risk_ER,
  hier_risk_pct = g$hier_risk_pct,
  max_hier_risk = max(ind[, "hier_risk"]),
  n_hier_risk_gt_0.05 = sum(ind[, "hier_risk"] > 0.05),
  n_fk_lt_2 = sum(ind[, "fk"] < 2),
  n_fk_lt_3 = sum(ind[, "fk"] < 3),
  n_fk_lt_5 = sum(ind[, "fk"] < 5),
  weighted_viol_k2 = as.numeric(kAnon_violations(sdc, TRUE, 2)),
  weighted_viol_k3 = as.numeric(kAnon_violations(sdc, TRUE, 3)),
  weighted_viol_k5 = as.numeric(kAnon_violations(sdc, TRUE, 5)),
  ldiversity_sens = list(
    l_recurs_c = 2,
    min_distinct = min(distinct),
    min_entropy = min(ld[, "sens_Entropy_Ldiversity"]),
    min_recursive = min(ld[, "sens_Recursive_Ldiversity"]),
    n_records_distinct_lt_2 = sum(distinct < 2),
    n_records_distinct_lt_3 = sum(distinct < 3),
    n_records_distinct_lt_2_no_missing_key = sum(distinct < 2 & !anyKeyMissing)
  ),
  suda2 = list(
    DisFraction = 0.01,
    original_scores = TRUE,
    records_with_score = sum(su$score > 0),
    max_score = max(su$score),
    mean_score = mean(su$score),
    max_dis = max(su$disScore, na.rm = TRUE),
    mean_dis = mean(su$disScore, na.rm = TRUE),
    dis_table = data.frame(
      interval = c("== 0", "(0.0, 0.1]", "(0.1, 0.2]", "(0.2, 0.3]", "(0.3, 0.4]", "(0.4, 0.5]", "(0.5, 0.6]", "(0.6, 0.7]", "> 0.7"),
      records = disTab
    ),
    attribute_contributions = su$attribute_contributions
  )
)
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE, dataframe = "rows"), global_json)
