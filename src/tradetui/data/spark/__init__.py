"""The aggregate seam on a Spark cluster, through Spark Connect (the optional extra
``tradetui[spark]``): tradetui.data.spark.engine. Its modules import pyspark; this
package itself does not, so tradetui.data imports without the extra."""
