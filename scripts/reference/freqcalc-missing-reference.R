# Reference for fk/Fk with missing key values: runs sdcMicro 5.8.1's own freqCalc (R/freqCalc.r of
# sdcTools/sdcMicro, which needs only data.table) on random data with missing values.
# Usage: Rscript scripts/reference/freqcalc-missing-reference.R PATH/TO/freqCalc.r > tests/fixtures/sdcmicro-freqcalc-missing.csv
suppressMessages(library(data.table))
source(commandArgs(TRUE)[1])
set.seed(7)
n <- 300
x <- data.frame(a=sample(c(1:3,NA),n,TRUE,prob=c(.4,.3,.2,.1)), b=sample(c(1:4,NA),n,TRUE,prob=c(.3,.3,.2,.1,.1)), c=sample(c(1:2,NA),n,TRUE,prob=c(.5,.4,.1)), w=round(runif(n,1,50),2))
f <- freqCalc(x, keyVars=c("a","b","c"), w="w")
out <- cbind(x, fk=f$fk, Fk=f$Fk)
write.csv(out, stdout(), row.names=FALSE, na="")
