console.log("generate: pending")
