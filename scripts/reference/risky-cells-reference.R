# Reference for riskyCells: runs sdcMicro 5.8.1's own riskyCells (R/riskyCells.R of sdcTools/sdcMicro,
# which needs only data.table and methods) for the number of unsafe cells per combination, and lists
# the unsafe cells themselves with the same data.table calls that function makes
# (setkeyv; .N by key; N <= threshold), in the order they come out.
# Cases: testdata with maxDim 2 and 3 (threshold 3), and testdata with missing values put into
# roof (rows 11, 22, ...), water (rows 13, 26, ...) and sex (rows 17, 34, ...), maxDim 3,
# thresholds 5, 3, 2 by dimension.
# Usage: Rscript scripts/reference/risky-cells-reference.R PATH/TO/riskyCells.R PATH/TO/testdata.csv > tests/fixtures/risky-cells-testdata.json
#        npx prettier --write tests/fixtures/risky-cells-testdata.json
suppressMessages({ library(methods); library(data.table) })
args <- commandArgs(TRUE)
# The file also defines an S4 method for sdcMicroObj, a class that does not exist here: evaluate
# its expressions one by one and let that one fail.
for (e in parse(args[1])) try(eval(e, globalenv()), silent = TRUE)
stopifnot(exists("riskyCellsWork"))
testdata <- read.csv(args[2])
kv <- c("urbrur", "roof", "walls", "water", "electcon", "relat", "sex")
withNA <- testdata
r <- seq_len(nrow(withNA))
withNA$roof[r %% 11 == 0] <- NA
withNA$water[r %% 13 == 0] <- NA
withNA$sex[r %% 17 == 0] <- NA

str <- function(x) if (is.na(x)) "null" else paste0('"', x, '"')
arr <- function(xs) paste0("[", paste(xs, collapse = ","), "]")

case <- function(name, dat, maxDim, threshold) {
  res <- riskyCells(as.data.frame(dat), useIdentificationLevel = FALSE, threshold = threshold, keyVars = kv, maxDim = maxDim)
  th <- if (length(threshold) == 1) rep(threshold, maxDim) else threshold
  per <- character(0)
  cells <- character(0)
  k <- 0
  tmp <- as.data.table(dat)[, kv, with = FALSE]
  for (dd in 1:maxDim) {
    combs <- utils::combn(kv, dd)
    for (i in 1:ncol(combs)) {
      vv <- combs[, i]
      k <- k + 1
      setkeyv(tmp, vv)
      agg <- tmp[, .N, by = key(tmp)]
      agg <- agg[N <= th[dd]]
      # sdcMicro's own count, to check the listing against.
      stopifnot(as.numeric(res$unsafe_cells[k]) == nrow(agg))
      stopifnot(all(unlist(res[k, paste0("dim", 1:dd), with = FALSE]) == vv))
      per <- c(per, sprintf('{"variables":%s,"threshold":%d,"cells":%s}', arr(sapply(vv, str)), as.integer(th[dd]), res$unsafe_cells[k]))
      for (j in seq_len(nrow(agg))) {
        vals <- sapply(vv, function(v) str(as.character(agg[[v]][j])))
        cells <- c(cells, sprintf('{"variables":%s,"values":%s,"count":%d}', arr(sapply(vv, str)), arr(vals), agg$N[j]))
      }
    }
  }
  sprintf('{"name":"%s","maxDim":%d,"threshold":%s,"missing":%s,\n"perCombination":[\n%s],\n"cells":[\n%s]}',
    name, maxDim, arr(threshold), if (identical(dat, withNA)) "true" else "false",
    paste(per, collapse = ",\n"), paste(cells, collapse = ",\n"))
}

cases <- c(
  case("testdata maxDim 2 threshold 3", testdata, 2, 3),
  case("testdata maxDim 3 threshold 3", testdata, 3, 3),
  case("testdata with missing values maxDim 3 thresholds 5 3 2", withNA, 3, c(5, 3, 2))
)
cat(sprintf('{"source":"sdcMicro 5.8.1 riskyCells (R/riskyCells.R) under R %s, data.table %s","keyVars":%s,\n"cases":[\n%s]}\n',
  paste(R.version$major, R.version$minor, sep = "."), packageVersion("data.table"), arr(sapply(kv, str)), paste(cases, collapse = ",\n")))
